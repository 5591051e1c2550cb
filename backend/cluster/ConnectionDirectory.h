#pragma once

#include "domain/Role.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace hb {

class ClientConnection;
class InstanceBus;
class ValkeyClient;

// Which connection speaks for each user, here and across instances. A user is a role and an id:
// a mitra and a customer with the same id are two users. A second live connection of the same
// user replaces the first: the first is closed with 4002 wherever it is.
class ConnectionDirectory : public QObject
{
    Q_OBJECT
public:
    ConnectionDirectory(ValkeyClient &valkey, InstanceBus &bus, QObject *parent = nullptr);

    // Records `connection` (already authenticated) as its user's live one; `done` runs when the
    // cluster-wide claim is recorded (or failed: the connection still works locally).
    void claim(ClientConnection *connection, std::function<void()> done);
    void release(ClientConnection *connection);

    ClientConnection *find(Role role, const QString &userId) const;
    QList<ClientConnection *> all() const;

private:
    void onEvent(const QJsonObject &event);
    void recheckClaims();
    QByteArray owner(const ClientConnection *connection) const;
    static QString keyOf(const ClientConnection *connection);
    void replace(ClientConnection *connection);

    ValkeyClient &m_valkey;
    InstanceBus &m_bus;
    QHash<QString, QPointer<ClientConnection>> m_byUser; // by keys::userKey()
};

} // namespace hb
