#include "ClientMessage.h"

namespace hb {

QString typeName(ClientMessageType type)
{
    switch (type) {
    case ClientMessageType::Hello:
        return QStringLiteral("hello");
    case ClientMessageType::Login:
        return QStringLiteral("login");
    case ClientMessageType::PresenceSet:
        return QStringLiteral("presence.set");
    case ClientMessageType::Heartbeat:
        return QStringLiteral("heartbeat");
    case ClientMessageType::OfferAccept:
        return QStringLiteral("offer.accept");
    case ClientMessageType::OfferDecline:
        return QStringLiteral("offer.decline");
    case ClientMessageType::SessionEnd:
        return QStringLiteral("session.end");
    case ClientMessageType::PairingRequest:
        return QStringLiteral("pairing.request");
    case ClientMessageType::PairingCancel:
        return QStringLiteral("pairing.cancel");
    case ClientMessageType::StatsSubscribe:
        return QStringLiteral("stats.subscribe");
    case ClientMessageType::CapacitySet:
        return QStringLiteral("capacity.set");
    case ClientMessageType::SessionReroute:
        return QStringLiteral("session.reroute");
    case ClientMessageType::SessionsList:
        return QStringLiteral("sessions.list");
    case ClientMessageType::RequestsList:
        return QStringLiteral("requests.list");
    case ClientMessageType::PresenceHistory:
        return QStringLiteral("presence.history");
    case ClientMessageType::MitraForceOffline:
        return QStringLiteral("mitra.force_offline");
    case ClientMessageType::AuditList:
        return QStringLiteral("audit.list");
    }
    return {};
}

std::optional<ClientMessageType> clientMessageTypeFromName(const QString &name)
{
    for (ClientMessageType type : kAllClientMessageTypes) {
        if (typeName(type) == name)
            return type;
    }
    return std::nullopt;
}

bool isAuthentication(ClientMessageType type)
{
    return type == ClientMessageType::Hello || type == ClientMessageType::Login;
}

bool mayBeSentBy(ClientMessageType type, Role role)
{
    switch (type) {
    case ClientMessageType::Hello:
    case ClientMessageType::Login:
        return false;
    case ClientMessageType::Heartbeat:
        // Only a mitra's heartbeats keep anything alive, but apps of any role may send them
        // and get an ack, so a shared client library needs no role switch.
        return true;
    case ClientMessageType::PresenceSet:
    case ClientMessageType::OfferAccept:
    case ClientMessageType::OfferDecline:
        return role == Role::Mitra;
    case ClientMessageType::SessionEnd:
        return role == Role::Mitra || role == Role::Customer;
    case ClientMessageType::PairingRequest:
    case ClientMessageType::PairingCancel:
        return role == Role::Customer;
    case ClientMessageType::StatsSubscribe:
    case ClientMessageType::CapacitySet:
    case ClientMessageType::SessionReroute:
    case ClientMessageType::SessionsList:
    case ClientMessageType::RequestsList:
    case ClientMessageType::PresenceHistory:
    case ClientMessageType::MitraForceOffline:
    case ClientMessageType::AuditList:
        return role == Role::Staff;
    }
    return false;
}

bool changesState(ClientMessageType type)
{
    return type == ClientMessageType::CapacitySet || type == ClientMessageType::SessionReroute ||
           type == ClientMessageType::MitraForceOffline;
}

QString toString(CapacityScope scope)
{
    return scope == CapacityScope::Mitra ? QStringLiteral("mitra") : QStringLiteral("global");
}

std::optional<CapacityScope> capacityScopeFromString(const QString &text)
{
    if (text == QLatin1String("global"))
        return CapacityScope::Global;
    if (text == QLatin1String("mitra"))
        return CapacityScope::Mitra;
    return std::nullopt;
}

} // namespace hb
