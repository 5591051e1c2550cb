#pragma once

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

    // `instance`: where Valkey says the user's connection is ('' if nowhere). Messages of one
    // call arrive in order and are never interleaved with another call's to the same user.
    void deliver(const QString &userId, const QString &instance, const QList<QJsonObject> &messages);

private:
    void onEvent(const QJsonObject &event);

    InstanceBus &m_bus;
    ConnectionDirectory &m_directory;
};

} // namespace hb
