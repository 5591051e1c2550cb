#include "ServerMessages.h"

#include "SessionJson.h"
#include "Time.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace hb {

namespace {

QJsonObject typed(const QString &type)
{
    return QJsonObject{{QStringLiteral("type"), type}};
}

QJsonObject withSession(const QString &type, const Session &session)
{
    QJsonObject o = typed(type);
    o.insert(QStringLiteral("session"), toJson(session));
    return o;
}

} // namespace

QJsonObject withRef(QJsonObject message, const std::optional<QString> &ref)
{
    if (ref)
        message.insert(QStringLiteral("ref"), *ref);
    return message;
}

QByteArray encode(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

namespace serverMessage {

QJsonObject error(ErrorCode code, const QString &message, const std::optional<QString> &ref)
{
    QJsonObject o = typed(QStringLiteral("error"));
    o.insert(QStringLiteral("code"), toString(code));
    o.insert(QStringLiteral("message"), message);
    return withRef(o, ref);
}

QJsonObject openRequestConflict(const QString &openRequestId, const std::optional<QString> &ref)
{
    QJsonObject o =
        error(ErrorCode::Conflict, QStringLiteral("a pairing request is already open"), ref);
    o.insert(QStringLiteral("request_id"), openRequestId);
    return o;
}

QJsonObject welcome(const Identity &identity, qint64 serverTimeMs, int heartbeatIntervalS,
                    int heartbeatTimeoutS, const std::optional<QString> &token,
                    const QString &serverInstance)
{
    QJsonObject o = typed(QStringLiteral("welcome"));
    o.insert(QStringLiteral("role"), toString(identity.role));
    o.insert(QStringLiteral("user_id"), identity.id);
    o.insert(QStringLiteral("name"), identity.name);
    o.insert(QStringLiteral("server_time"), isoTime(serverTimeMs));
    o.insert(QStringLiteral("heartbeat_interval_s"), heartbeatIntervalS);
    o.insert(QStringLiteral("heartbeat_timeout_s"), heartbeatTimeoutS);
    if (identity.role == Role::Staff)
        o.insert(QStringLiteral("staff_role"), toString(identity.staffRole));
    if (token)
        o.insert(QStringLiteral("token"), *token);
    if (!serverInstance.isEmpty())
        o.insert(QStringLiteral("server_instance"), serverInstance);
    return o;
}

QJsonObject presence(PresenceStatus status, qint64 sinceMs, std::optional<OfflineReason> reason)
{
    QJsonObject o = typed(QStringLiteral("presence"));
    o.insert(QStringLiteral("status"), toString(status));
    o.insert(QStringLiteral("since"), isoTime(sinceMs));
    if (reason)
        o.insert(QStringLiteral("reason"), toString(*reason));
    return o;
}

QJsonObject heartbeatAck(qint64 serverTimeMs)
{
    QJsonObject o = typed(QStringLiteral("heartbeat.ack"));
    o.insert(QStringLiteral("server_time"), isoTime(serverTimeMs));
    return o;
}

QJsonObject offer(const QString &requestId, const Party &customer, qint64 expiresAtMs)
{
    QJsonObject o = typed(QStringLiteral("offer"));
    o.insert(QStringLiteral("request_id"), requestId);
    o.insert(QStringLiteral("customer"), toJson(customer));
    o.insert(QStringLiteral("expires_at"), isoTime(expiresAtMs));
    return o;
}

QJsonObject offerClosed(const QString &requestId, OfferClosedReason reason)
{
    QJsonObject o = typed(QStringLiteral("offer.closed"));
    o.insert(QStringLiteral("request_id"), requestId);
    o.insert(QStringLiteral("reason"), toString(reason));
    return o;
}

QJsonObject sessionAssigned(const Session &session, const std::optional<QString> &reason)
{
    QJsonObject o = withSession(QStringLiteral("session.assigned"), session);
    if (reason)
        o.insert(QStringLiteral("reason"), *reason);
    return o;
}

QJsonObject sessionRemoved(const QString &sessionId, const QString &reason)
{
    QJsonObject o = typed(QStringLiteral("session.removed"));
    o.insert(QStringLiteral("session_id"), sessionId);
    o.insert(QStringLiteral("reason"), reason);
    return o;
}

QJsonObject sessionEnded(const QString &sessionId, SessionEndReason reason)
{
    QJsonObject o = typed(QStringLiteral("session.ended"));
    o.insert(QStringLiteral("session_id"), sessionId);
    o.insert(QStringLiteral("reason"), toString(reason));
    return o;
}

QJsonObject pairingSearching(const QString &requestId, qint64 expiresAtMs)
{
    QJsonObject o = typed(QStringLiteral("pairing.searching"));
    o.insert(QStringLiteral("request_id"), requestId);
    o.insert(QStringLiteral("expires_at"), isoTime(expiresAtMs));
    return o;
}

QJsonObject pairingFound(const QString &requestId, const Party &bestie)
{
    QJsonObject o = typed(QStringLiteral("pairing.found"));
    o.insert(QStringLiteral("request_id"), requestId);
    o.insert(QStringLiteral("bestie"), toJson(bestie));
    return o;
}

QJsonObject sessionAwaitingPayment(const Session &session)
{
    return withSession(QStringLiteral("session.awaiting_payment"), session);
}

QJsonObject sessionStarted(const Session &session)
{
    return withSession(QStringLiteral("session.started"), session);
}

QJsonObject pairingCancelled(const QString &requestId)
{
    QJsonObject o = typed(QStringLiteral("pairing.cancelled"));
    o.insert(QStringLiteral("request_id"), requestId);
    return o;
}

QJsonObject pairingFailed(const QString &requestId, PairingFailedReason reason)
{
    QJsonObject o = typed(QStringLiteral("pairing.failed"));
    o.insert(QStringLiteral("request_id"), requestId);
    o.insert(QStringLiteral("reason"), toString(reason));
    return o;
}

QJsonObject sessionRerouted(const Session &session)
{
    return withSession(QStringLiteral("session.rerouted"), session);
}

QJsonObject stats(const StatsSnapshot &snapshot)
{
    QJsonArray mitras;
    for (const MitraStats &m : snapshot.mitras) {
        mitras.append(QJsonObject{
            {QStringLiteral("id"), m.id},
            {QStringLiteral("name"), m.name},
            {QStringLiteral("status"), toString(m.status)},
            {QStringLiteral("active_sessions"), m.activeSessions},
            {QStringLiteral("max_customers"), m.maxCustomers},
            {QStringLiteral("capacity_source"), toString(m.capacitySource)},
            {QStringLiteral("status_since"), m.statusSinceMs ? QJsonValue(isoTime(*m.statusSinceMs))
                                                             : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("over_capacity"), m.overCapacity()},
        });
    }
    QJsonObject o = typed(QStringLiteral("stats"));
    o.insert(QStringLiteral("at"), isoTime(snapshot.atMs));
    o.insert(QStringLiteral("active_chats"), snapshot.activeChats);
    o.insert(QStringLiteral("active_mitras"), snapshot.activeMitras);
    o.insert(QStringLiteral("pending_requests"), snapshot.pendingRequests);
    o.insert(QStringLiteral("default_max_customers"), snapshot.defaultMaxCustomers);
    o.insert(QStringLiteral("mitras"), mitras);
    return o;
}

QJsonObject capacityUpdatedGlobal(int maxCustomers)
{
    QJsonObject o = typed(QStringLiteral("capacity.updated"));
    o.insert(QStringLiteral("scope"), QStringLiteral("global"));
    o.insert(QStringLiteral("max_customers"), maxCustomers);
    return o;
}

QJsonObject capacityUpdatedMitra(const QString &mitraId, std::optional<int> maxCustomers)
{
    QJsonObject o = typed(QStringLiteral("capacity.updated"));
    o.insert(QStringLiteral("scope"), QStringLiteral("mitra"));
    o.insert(QStringLiteral("mitra_id"), mitraId);
    o.insert(QStringLiteral("max_customers"),
             maxCustomers ? QJsonValue(*maxCustomers) : QJsonValue(QJsonValue::Null));
    return o;
}

QJsonObject sessions(const QList<Session> &openSessions)
{
    QJsonArray list;
    for (const Session &s : openSessions)
        list.append(toJson(s));
    QJsonObject o = typed(QStringLiteral("sessions"));
    o.insert(QStringLiteral("sessions"), list);
    return o;
}

QJsonObject requests(const QList<RequestSummary> &openRequests)
{
    QJsonArray list;
    for (const RequestSummary &r : openRequests) {
        list.append(QJsonObject{
            {QStringLiteral("request_id"), r.requestId},
            {QStringLiteral("customer"), toJson(r.customer)},
            {QStringLiteral("created_at"), isoTime(r.createdAtMs)},
            {QStringLiteral("offered_to"), r.offeredTo},
        });
    }
    QJsonObject o = typed(QStringLiteral("requests"));
    o.insert(QStringLiteral("requests"), list);
    return o;
}

QJsonObject presenceHistory(const QString &mitraId, const QList<PresenceInterval> &intervals)
{
    QJsonArray list;
    for (const PresenceInterval &i : intervals) {
        // An open interval has neither an end nor a reason yet: both are null, not "".
        list.append(QJsonObject{
            {QStringLiteral("online_at"), isoTime(i.onlineAtMs)},
            {QStringLiteral("offline_at"),
             i.offlineAtMs ? QJsonValue(isoTime(*i.offlineAtMs)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("reason"),
             i.reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(i.reason)},
        });
    }
    QJsonObject o = typed(QStringLiteral("presence.history"));
    o.insert(QStringLiteral("mitra_id"), mitraId);
    o.insert(QStringLiteral("intervals"), list);
    return o;
}

QJsonObject mitraForcedOffline(const QString &mitraId, bool wasOnline,
                               const QList<SessionMove> &rerouted, const QStringList &kept)
{
    QJsonArray moved;
    for (const SessionMove &m : rerouted) {
        moved.append(QJsonObject{{QStringLiteral("session_id"), m.sessionId},
                                 {QStringLiteral("to_mitra_id"), m.toMitraId}});
    }
    QJsonObject o = typed(QStringLiteral("mitra.forced_offline"));
    o.insert(QStringLiteral("mitra_id"), mitraId);
    o.insert(QStringLiteral("was_online"), wasOnline);
    o.insert(QStringLiteral("rerouted"), moved);
    o.insert(QStringLiteral("kept"), QJsonArray::fromStringList(kept));
    return o;
}

QJsonObject audit(const QList<AuditEntry> &entries, bool more)
{
    // Absent parts are null, not missing or "": every entry has the same keys.
    const auto textOrNull = [](const QString &text) {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    };
    const auto jsonOrNull = [](const QJsonValue &value) {
        return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
    };
    QJsonArray list;
    for (const AuditEntry &e : entries) {
        const QJsonValue actor =
            e.actorId.isEmpty()
                ? QJsonValue(QJsonValue::Null)
                : QJsonValue(QJsonObject{
                      {QStringLiteral("id"), e.actorId},
                      {QStringLiteral("name"), e.actorName.isEmpty() ? e.actorId : e.actorName}});
        list.append(QJsonObject{
            {QStringLiteral("id"), e.id},
            {QStringLiteral("at"), isoTime(e.atMs)},
            {QStringLiteral("actor"), actor},
            {QStringLiteral("action"), e.action},
            {QStringLiteral("target"), textOrNull(e.target)},
            {QStringLiteral("before"), jsonOrNull(e.before)},
            {QStringLiteral("after"), jsonOrNull(e.after)},
            {QStringLiteral("address"), textOrNull(e.address)},
        });
    }
    QJsonObject o = typed(QStringLiteral("audit"));
    o.insert(QStringLiteral("more"), more);
    o.insert(QStringLiteral("entries"), list);
    return o;
}

} // namespace serverMessage

} // namespace hb
