#pragma once

#include "domain/Role.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

namespace hb {

class ConnectionDirectory;
class InstanceBus;

// Pushes messages to a user wherever their socket is: sent directly when the user is connected
// to this instance, else forwarded over the InstanceBus to the instance the Lua script named.
// A user connected nowhere misses the push; that is safe because an app that reconnects is
// re-sent its state (offers, requests, sessions) after `welcome`.
class UserMessenger : public QObject
{
    Q_OBJECT
public:
    UserMessenger(InstanceBus &bus, ConnectionDirectory &directory, QObject *parent = nullptr);

    // The user is `role` + `userId` (a mitra and a customer may share an id). `instance`: where
    // Valkey says the user's connection is ('' if nowhere). Messages of one call arrive in order
    // and are never interleaved with another call's to the same user.
    void deliver(Role role, const QString &userId, const QString &instance,
                 const QList<QJsonObject> &messages);

    // One message to many users of one role (a broadcast's offers, the losers' offer.closed):
    // encoded once, and one bus event per instance however many of them are there.
    struct Recipient
    {
        QString userId;
        QString instance;
    };
    void deliverToMany(Role role, const QList<Recipient> &recipients, const QJsonObject &message);

private:
    void onEvent(const QJsonObject &event);
    void forward(const QString &instance, const QJsonArray &users, const QJsonArray &texts);

    InstanceBus &m_bus;
    ConnectionDirectory &m_directory;
};

} // namespace hb
