#include "ConnectionDirectory.h"

#include "InstanceBus.h"
#include "Keys.h"
#include "gateway/ClientConnection.h"
#include "gateway/CloseCodes.h"
#include "lua/LuaScripts.h"
#include "store/valkey/ValkeyClient.h"

#include <QJsonObject>

namespace hb {

namespace {
const QString kKick = QStringLiteral("kick");
}

ConnectionDirectory::ConnectionDirectory(ValkeyClient &valkey, InstanceBus &bus, QObject *parent)
    : QObject(parent), m_valkey(valkey), m_bus(bus)
{
    connect(&m_bus, &InstanceBus::received, this, &ConnectionDirectory::onEvent);
    // A kick may have been lost while the subscription was down: compare with the truth.
    connect(&m_bus, &InstanceBus::resubscribed, this, &ConnectionDirectory::recheckClaims);
}

QByteArray ConnectionDirectory::owner(const ClientConnection *connection) const
{
    return m_bus.instanceId().toUtf8() + '|' + connection->connectionId().toUtf8();
}

QString ConnectionDirectory::keyOf(const ClientConnection *connection)
{
    return keys::userKey(connection->identity().role, connection->identity().id);
}

void ConnectionDirectory::claim(ClientConnection *connection, std::function<void()> done)
{
    const QString user = keyOf(connection);
    if (ClientConnection *old = m_byUser.value(user); old && old != connection)
        replace(old);
    m_byUser.insert(user, connection);

    QPointer<ClientConnection> guard(connection);
    m_valkey.eval(LuaScripts::instance().connectionClaim,
                  {keys::connection(connection->identity().role, connection->identity().id)},
                  {owner(connection)}, this,
                  [this, guard, user, done = std::move(done)](const ValkeyResult &result) {
                      if (result.isError()) {
                          qWarning("connection claim for %s failed: %s", qPrintable(user),
                                   qPrintable(result.errorText()));
                      } else if (const QByteArray previous = result.reply().toByteArray();
                                 !previous.isEmpty()) {
                          const qsizetype bar = previous.indexOf('|');
                          const QString instance = QString::fromUtf8(previous.left(bar));
                          const QString conn = QString::fromUtf8(previous.mid(bar + 1));
                          m_bus.send(instance, {{QStringLiteral("kind"), kKick},
                                                {QStringLiteral("user"), user},
                                                {QStringLiteral("connection"), conn}});
                      }
                      if (guard)
                          done();
                  });
}

void ConnectionDirectory::release(ClientConnection *connection)
{
    const QString user = keyOf(connection);
    if (m_byUser.value(user) == connection)
        m_byUser.remove(user);
    m_valkey.eval(LuaScripts::instance().connectionRelease,
                  {keys::connection(connection->identity().role, connection->identity().id)},
                  {owner(connection)}, this, [](const ValkeyResult &) {});
}

ClientConnection *ConnectionDirectory::find(Role role, const QString &userId) const
{
    return m_byUser.value(keys::userKey(role, userId)).data();
}

QList<ClientConnection *> ConnectionDirectory::all() const
{
    QList<ClientConnection *> out;
    out.reserve(m_byUser.size());
    for (const auto &c : m_byUser)
        if (c)
            out.append(c.data());
    return out;
}

void ConnectionDirectory::replace(ClientConnection *connection)
{
    if (m_byUser.value(keyOf(connection)) == connection)
        m_byUser.remove(keyOf(connection));
    connection->closeWith(close_code::kReplaced,
                          QStringLiteral("replaced by a newer connection of the same user"));
}

void ConnectionDirectory::onEvent(const QJsonObject &event)
{
    if (event.value(QStringLiteral("kind")).toString() != kKick)
        return;
    // "user" is a keys::userKey().
    ClientConnection *c = m_byUser.value(event.value(QStringLiteral("user")).toString()).data();
    if (c && c->connectionId() == event.value(QStringLiteral("connection")).toString())
        replace(c);
}

void ConnectionDirectory::recheckClaims()
{
    for (ClientConnection *c : all()) {
        QPointer<ClientConnection> guard(c);
        m_valkey.command({QByteArrayLiteral("GET"),
                          keys::connection(c->identity().role, c->identity().id)},
                         this,
                         [this, guard](const ValkeyResult &result) {
                             if (!guard || result.isError())
                                 return;
                             const QByteArray current = result.reply().toByteArray();
                             if (current.isEmpty()) {
                                 // Valkey lost its data (restart): claim it again so a later
                                 // connection elsewhere still replaces this one.
                                 m_valkey.eval(LuaScripts::instance().connectionClaim,
                                               {keys::connection(guard->identity().role,
                                                                 guard->identity().id)},
                                               {owner(guard)}, this, [](const ValkeyResult &) {});
                             } else if (current != owner(guard)) {
                                 replace(guard);
                             }
                         });
    }
}

} // namespace hb
