#include "Dispatcher.h"

#include "auth/Jwt.h"
#include "cluster/ConnectionDirectory.h"
#include "control/ControlActions.h"
#include "control/ForceOffline.h"
#include "control/StaffAccess.h"
#include "control/StaffLogin.h"
#include "control/StaffQueries.h"
#include "pairing/PairingService.h"
#include "gateway/ClientConnection.h"
#include "gateway/CloseCodes.h"
#include "presence/PresenceService.h"
#include "sessions/SessionService.h"
#include "protocol/ServerMessages.h"
#include "protocol/TextRules.h"
#include "store/postgres/PostgresStore.h"

#include <QDateTime>

namespace hb {

Dispatcher::Dispatcher(Options options, Services services, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_services(services)
{
}

void Dispatcher::authenticate(ClientConnection *connection, const ClientMessage &message)
{
    if (message.type == ClientMessageType::Login) {
        m_services.staffLogin.login(connection, message.get<clientmsg::Login>(), message.id);
        return;
    }
    const auto &hello = message.get<clientmsg::Hello>();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const auto verdict = verifyJwt(hello.token.toUtf8(), m_options.jwt, nowMs / 1000);
    if (const QString *reason = std::get_if<QString>(&verdict)) {
        connection->reject(QStringLiteral("invalid token: %1").arg(*reason), message.id);
        return;
    }
    const Identity identity = identityFromClaims(std::get<JwtClaims>(verdict));
    // A well-signed token can still carry a name that would reach logs, staff screens and
    // PostgreSQL (which stops text at NUL) differently: refused, and nothing is recorded.
    if (hasControlCharacters(identity.id) || hasControlCharacters(identity.name)) {
        const QString why =
            QStringLiteral("token claims 'sub' and 'name' must not contain control characters");
        connection->sendError(ErrorCode::BadRequest, why, message.id);
        connection->closeWith(close_code::kUnauthorized, why);
        return;
    }

    QJsonObject welcome = serverMessage::welcome(identity, nowMs, m_options.heartbeatIntervalS,
                                                 m_options.heartbeatTimeoutS, std::nullopt);
    welcome.insert(QStringLiteral("server_instance"), m_options.instanceId);
    welcome = withRef(welcome, message.id);

    if (identity.role == Role::Staff) {
        // A valid signature is not enough for a staff account's token: the account may have
        // been disabled since it was issued.
        m_services.staffAccess.admit(connection, identity, welcome, message.id,
                                     [this](ClientConnection *admitted) {
                                         m_services.directory.claim(admitted, [] {});
                                     });
        return;
    }
    connection->accept(identity, welcome);
    m_services.directory.claim(connection, [] {});

    // The first hello creates the user's row; later ones keep the display name current.
    if (identity.role == Role::Mitra) {
        m_services.store.upsertMitra(identity.id, identity.name);
        // Presence first: the app shows online/offline before its offers and sessions.
        m_services.presence.resume(connection);
        m_services.sessions.resume(connection);
    } else {
        m_services.store.upsertCustomer(identity.id, identity.name);
        m_services.sessions.resume(connection);
    }
}

void Dispatcher::handle(ClientConnection *connection, const ClientMessage &message)
{
    switch (message.type) {
    case ClientMessageType::PresenceSet:
        m_services.presence.setStatus(connection, message.get<clientmsg::PresenceSet>().status, message.id);
        return;
    case ClientMessageType::Heartbeat:
        if (connection->identity().role == Role::Mitra) {
            m_services.presence.heartbeat(connection, message.id);
        } else {
            connection->send(withRef(
                serverMessage::heartbeatAck(QDateTime::currentMSecsSinceEpoch()), message.id));
        }
        return;
    case ClientMessageType::PairingRequest:
        m_services.pairing.request(connection, message.id);
        return;
    case ClientMessageType::PairingCancel:
        m_services.pairing.cancel(connection, message.get<clientmsg::PairingCancel>().requestId,
                                  message.id);
        return;
    case ClientMessageType::OfferAccept:
        m_services.pairing.accept(connection, message.get<clientmsg::OfferAccept>().requestId,
                                  message.id);
        return;
    case ClientMessageType::OfferDecline:
        m_services.pairing.decline(connection, message.get<clientmsg::OfferDecline>().requestId,
                                   message.id);
        return;
    case ClientMessageType::SessionEnd:
        m_services.sessions.end(connection, message.get<clientmsg::SessionEnd>().sessionId,
                                message.id);
        return;
    case ClientMessageType::StatsSubscribe:
        m_services.staffQueries.subscribeStats(connection, message.id);
        return;
    case ClientMessageType::SessionsList:
        m_services.staffQueries.listSessions(connection, message.id);
        return;
    case ClientMessageType::RequestsList:
        m_services.staffQueries.listRequests(connection, message.id);
        return;
    case ClientMessageType::PresenceHistory:
        m_services.staffQueries.presenceHistory(
            connection, message.get<clientmsg::PresenceHistory>(), message.id);
        return;
    case ClientMessageType::CapacitySet:
        m_services.controlActions.setCapacity(connection, message.get<clientmsg::CapacitySet>(),
                                              message.id);
        return;
    case ClientMessageType::SessionReroute:
        m_services.controlActions.reroute(connection, message.get<clientmsg::SessionReroute>(),
                                          message.id);
        return;
    case ClientMessageType::MitraForceOffline:
        m_services.forceOffline.forceOffline(
            connection, message.get<clientmsg::MitraForceOffline>(), message.id);
        return;
    case ClientMessageType::AuditList:
        m_services.staffQueries.auditList(connection, message.get<clientmsg::AuditList>(),
                                          message.id);
        return;
    case ClientMessageType::Hello:
    case ClientMessageType::Login:
        // ClientConnection answers these itself after authentication (bad_request).
        return;
    }
}

void Dispatcher::connectionClosed(ClientConnection *connection)
{
    // A closed socket is not offline: a mitra that reconnects within the heartbeat timeout keeps
    // its interval; one that does not is taken offline by the sweep.
    m_services.directory.release(connection);
}

} // namespace hb
