#include "Dispatcher.h"

#include "auth/Jwt.h"
#include "cluster/ConnectionDirectory.h"
#include "gateway/ClientConnection.h"
#include "presence/PresenceService.h"
#include "protocol/ServerMessages.h"
#include "store/postgres/PostgresStore.h"

#include <QDateTime>

namespace hb {

Dispatcher::Dispatcher(Options options, PresenceService &presence, ConnectionDirectory &directory,
                       PostgresStore &store, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_presence(presence),
      m_directory(directory), m_store(store)
{
}

void Dispatcher::authenticate(ClientConnection *connection, const ClientMessage &message)
{
    if (message.type == ClientMessageType::Login) {
        // TODO(issue 4): staff accounts with argon2id passwords. Until then staff use a token.
        connection->reject(QStringLiteral("password login is not enabled on this server yet: "
                                          "sign in with a staff token"),
                           message.id);
        return;
    }
    const auto &hello = message.get<clientmsg::Hello>();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const auto verdict = verifyJwt(hello.token.toUtf8(), m_options.jwtSecret, nowMs / 1000);
    if (const QString *reason = std::get_if<QString>(&verdict)) {
        connection->reject(QStringLiteral("invalid token: %1").arg(*reason), message.id);
        return;
    }
    const Identity identity = identityFromClaims(std::get<JwtClaims>(verdict));

    QJsonObject welcome = serverMessage::welcome(identity, nowMs, m_options.heartbeatIntervalS,
                                                 m_options.heartbeatTimeoutS, std::nullopt);
    welcome.insert(QStringLiteral("server_instance"), m_options.instanceId);
    connection->accept(identity, withRef(welcome, message.id));
    m_directory.claim(connection, [] {});

    // The first hello creates the user's row; later ones keep the display name current.
    switch (identity.role) {
    case Role::Mitra:
        m_store.upsertMitra(identity.id, identity.name);
        m_presence.resume(connection);
        break;
    case Role::Customer:
        m_store.upsertCustomer(identity.id, identity.name);
        break;
    case Role::Staff:
        break;
    }
}

void Dispatcher::handle(ClientConnection *connection, const ClientMessage &message)
{
    switch (message.type) {
    case ClientMessageType::PresenceSet:
        m_presence.setStatus(connection, message.get<clientmsg::PresenceSet>().status, message.id);
        return;
    case ClientMessageType::Heartbeat:
        if (connection->identity().role == Role::Mitra) {
            m_presence.heartbeat(connection, message.id);
        } else {
            connection->send(withRef(
                serverMessage::heartbeatAck(QDateTime::currentMSecsSinceEpoch()), message.id));
        }
        return;
    default:
        // TODO(issues 3 and 4): pairing, sessions and the staff control API.
        connection->sendError(ErrorCode::Unavailable,
                              QStringLiteral("%1 is not available on this server yet")
                                  .arg(typeName(message.type)),
                              message.id);
        return;
    }
}

void Dispatcher::connectionClosed(ClientConnection *connection)
{
    // A closed socket is not offline: a mitra that reconnects within the heartbeat timeout keeps
    // its interval; one that does not is taken offline by the sweep.
    m_directory.release(connection);
}

} // namespace hb
