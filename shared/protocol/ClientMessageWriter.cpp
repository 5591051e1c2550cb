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

} // namespace hb
