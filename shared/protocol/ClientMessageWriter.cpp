#include "ClientMessageWriter.h"

#include "Time.h"

#include <QJsonValue>
#include <type_traits>

namespace hb {

namespace {

// Writes the fields of each payload into a message object.
struct FieldWriter
{
    QJsonObject &o;

    void operator()(const clientmsg::Hello &m) { o.insert(QStringLiteral("token"), m.token); }
    void operator()(const clientmsg::Login &m)
    {
        o.insert(QStringLiteral("username"), m.username);
        o.insert(QStringLiteral("password"), m.password);
    }
    void operator()(const clientmsg::PresenceSet &m)
    {
        o.insert(QStringLiteral("status"), toString(m.status));
    }
    void operator()(const clientmsg::OfferAccept &m)
    {
        o.insert(QStringLiteral("request_id"), m.requestId);
    }
    void operator()(const clientmsg::OfferDecline &m)
    {
        o.insert(QStringLiteral("request_id"), m.requestId);
    }
    void operator()(const clientmsg::SessionEnd &m)
    {
        o.insert(QStringLiteral("session_id"), m.sessionId);
    }
    void operator()(const clientmsg::PairingCancel &m)
    {
        o.insert(QStringLiteral("request_id"), m.requestId);
    }
    void operator()(const clientmsg::CapacitySet &m)
    {
        o.insert(QStringLiteral("scope"), toString(m.scope));
        if (m.scope == CapacityScope::Mitra)
            o.insert(QStringLiteral("mitra_id"), m.mitraId);
        o.insert(QStringLiteral("max_customers"),
                 m.maxCustomers ? QJsonValue(*m.maxCustomers) : QJsonValue(QJsonValue::Null));
    }
    void operator()(const clientmsg::SessionReroute &m)
    {
        o.insert(QStringLiteral("session_id"), m.sessionId);
        o.insert(QStringLiteral("to_mitra_id"), m.toMitraId);
    }
    void operator()(const clientmsg::PresenceHistory &m)
    {
        o.insert(QStringLiteral("mitra_id"), m.mitraId);
        o.insert(QStringLiteral("from"), isoTime(m.fromMs));
        o.insert(QStringLiteral("to"), isoTime(m.toMs));
    }
    void operator()(const clientmsg::MitraForceOffline &m)
    {
        o.insert(QStringLiteral("mitra_id"), m.mitraId);
        o.insert(QStringLiteral("reroute_sessions"), m.rerouteSessions);
    }
    void operator()(const clientmsg::AuditList &m)
    {
        // Defaults are written too: the request says exactly what it asks for.
        o.insert(QStringLiteral("limit"), m.limit);
        if (m.beforeId)
            o.insert(QStringLiteral("before_id"), QJsonValue(*m.beforeId));
        if (!m.action.isEmpty())
            o.insert(QStringLiteral("action"), m.action);
    }
    // Messages without fields.
    void operator()(const clientmsg::Heartbeat &) {}
    void operator()(const clientmsg::PairingRequest &) {}
    void operator()(const clientmsg::StatsSubscribe &) {}
    void operator()(const clientmsg::SessionsList &) {}
    void operator()(const clientmsg::RequestsList &) {}
};

} // namespace

QJsonObject toJson(const ClientMessage &message)
{
    QJsonObject o;
    const ClientMessageType type =
        std::visit([](const auto &payload) { return std::decay_t<decltype(payload)>::kType; },
                   message.payload);
    o.insert(QStringLiteral("type"), typeName(type));
    if (message.id)
        o.insert(QStringLiteral("id"), *message.id);
    std::visit(FieldWriter{o}, message.payload);
    return o;
}

namespace clientMessage {

namespace {
template <class T> QJsonObject write(T payload, const std::optional<QString> &id)
{
    return toJson(ClientMessage::make(std::move(payload), id));
}
} // namespace

QJsonObject hello(const QString &token, const std::optional<QString> &id)
{
    return write(clientmsg::Hello{token}, id);
}

QJsonObject login(const QString &username, const QString &password,
                  const std::optional<QString> &id)
{
    return write(clientmsg::Login{username, password}, id);
}

QJsonObject heartbeat(const std::optional<QString> &id)
{
    return write(clientmsg::Heartbeat{}, id);
}

QJsonObject statsSubscribe(const std::optional<QString> &id)
{
    return write(clientmsg::StatsSubscribe{}, id);
}

QJsonObject sessionsList(const std::optional<QString> &id)
{
    return write(clientmsg::SessionsList{}, id);
}

QJsonObject requestsList(const std::optional<QString> &id)
{
    return write(clientmsg::RequestsList{}, id);
}

QJsonObject presenceHistory(const QString &mitraId, qint64 fromMs, qint64 toMs,
                            const std::optional<QString> &id)
{
    return write(clientmsg::PresenceHistory{mitraId, fromMs, toMs}, id);
}

QJsonObject auditList(const clientmsg::AuditList &query, const std::optional<QString> &id)
{
    return write(query, id);
}

QJsonObject capacitySetGlobal(int maxCustomers, const std::optional<QString> &id)
{
    return write(clientmsg::CapacitySet{CapacityScope::Global, QString(), maxCustomers}, id);
}

QJsonObject capacitySetMitra(const QString &mitraId, std::optional<int> maxCustomers,
                             const std::optional<QString> &id)
{
    return write(clientmsg::CapacitySet{CapacityScope::Mitra, mitraId, maxCustomers}, id);
}

QJsonObject sessionReroute(const QString &sessionId, const QString &toMitraId,
                           const std::optional<QString> &id)
{
    return write(clientmsg::SessionReroute{sessionId, toMitraId}, id);
}

QJsonObject mitraForceOffline(const QString &mitraId, bool rerouteSessions,
                              const std::optional<QString> &id)
{
    return write(clientmsg::MitraForceOffline{mitraId, rerouteSessions}, id);
}

} // namespace clientMessage

} // namespace hb
