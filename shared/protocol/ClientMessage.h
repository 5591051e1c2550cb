#pragma once

#include "domain/Presence.h"
#include "domain/Role.h"

#include <QString>
#include <QtGlobal>
#include <optional>
#include <utility>
#include <variant>

namespace hb {

// Every message a client may send: protocol v1, plus the staff additions (mitra.force_offline,
// audit.list; see docs/protocol.md), by its `type`.
enum class ClientMessageType {
    Hello,
    Login,
    PresenceSet,
    Heartbeat,
    OfferAccept,
    OfferDecline,
    SessionEnd,
    PairingRequest,
    PairingCancel,
    StatsSubscribe,
    CapacitySet,
    SessionReroute,
    SessionsList,
    RequestsList,
    PresenceHistory,
    MitraForceOffline,
    AuditList,
};

inline constexpr ClientMessageType kAllClientMessageTypes[] = {
    ClientMessageType::Hello,           ClientMessageType::Login,
    ClientMessageType::PresenceSet,     ClientMessageType::Heartbeat,
    ClientMessageType::OfferAccept,     ClientMessageType::OfferDecline,
    ClientMessageType::SessionEnd,      ClientMessageType::PairingRequest,
    ClientMessageType::PairingCancel,   ClientMessageType::StatsSubscribe,
    ClientMessageType::CapacitySet,     ClientMessageType::SessionReroute,
    ClientMessageType::SessionsList,    ClientMessageType::RequestsList,
    ClientMessageType::PresenceHistory, ClientMessageType::MitraForceOffline,
    ClientMessageType::AuditList,
};

// The wire name, e.g. "presence.set".
QString typeName(ClientMessageType type);
std::optional<ClientMessageType> clientMessageTypeFromName(const QString &name);

// `hello` and `login`: valid only as the first message of a connection.
bool isAuthentication(ClientMessageType type);

// Whether an authenticated user of this role may send this message; the gateway answers
// `forbidden` otherwise. Authentication messages are never allowed after authentication.
bool mayBeSentBy(ClientMessageType type, Role role);

// Whether the message changes shared state; staff `viewer`s get `forbidden` for these.
bool changesState(ClientMessageType type);

// The `scope` of capacity.set.
enum class CapacityScope { Global, Mitra };

QString toString(CapacityScope scope);
std::optional<CapacityScope> capacityScopeFromString(const QString &text);

// One struct per message type, holding its fields already validated. `kType` ties each struct
// to its type so a message can be built from a payload alone (ClientMessage::make).
namespace clientmsg {

struct Hello
{
    static constexpr ClientMessageType kType = ClientMessageType::Hello;
    QString token;
    friend bool operator==(const Hello &, const Hello &) = default;
};

struct Login
{
    static constexpr ClientMessageType kType = ClientMessageType::Login;
    QString username;
    QString password;
    friend bool operator==(const Login &, const Login &) = default;
};

struct PresenceSet
{
    static constexpr ClientMessageType kType = ClientMessageType::PresenceSet;
    PresenceStatus status = PresenceStatus::Offline;
    friend bool operator==(const PresenceSet &, const PresenceSet &) = default;
};

struct Heartbeat
{
    static constexpr ClientMessageType kType = ClientMessageType::Heartbeat;
    friend bool operator==(const Heartbeat &, const Heartbeat &) = default;
};

struct OfferAccept
{
    static constexpr ClientMessageType kType = ClientMessageType::OfferAccept;
    QString requestId;
    friend bool operator==(const OfferAccept &, const OfferAccept &) = default;
};

struct OfferDecline
{
    static constexpr ClientMessageType kType = ClientMessageType::OfferDecline;
    QString requestId;
    friend bool operator==(const OfferDecline &, const OfferDecline &) = default;
};

struct SessionEnd
{
    static constexpr ClientMessageType kType = ClientMessageType::SessionEnd;
    QString sessionId;
    friend bool operator==(const SessionEnd &, const SessionEnd &) = default;
};

struct PairingRequest
{
    static constexpr ClientMessageType kType = ClientMessageType::PairingRequest;
    friend bool operator==(const PairingRequest &, const PairingRequest &) = default;
};

struct PairingCancel
{
    static constexpr ClientMessageType kType = ClientMessageType::PairingCancel;
    QString requestId;
    friend bool operator==(const PairingCancel &, const PairingCancel &) = default;
};

struct StatsSubscribe
{
    static constexpr ClientMessageType kType = ClientMessageType::StatsSubscribe;
    friend bool operator==(const StatsSubscribe &, const StatsSubscribe &) = default;
};

struct CapacitySet
{
    static constexpr ClientMessageType kType = ClientMessageType::CapacitySet;
    CapacityScope scope = CapacityScope::Global;
    QString mitraId;                 // empty for scope global
    std::optional<int> maxCustomers; // empty only for scope mitra: back to the global value
    friend bool operator==(const CapacitySet &, const CapacitySet &) = default;
};

struct SessionReroute
{
    static constexpr ClientMessageType kType = ClientMessageType::SessionReroute;
    QString sessionId;
    QString toMitraId;
    friend bool operator==(const SessionReroute &, const SessionReroute &) = default;
};

struct SessionsList
{
    static constexpr ClientMessageType kType = ClientMessageType::SessionsList;
    friend bool operator==(const SessionsList &, const SessionsList &) = default;
};

struct RequestsList
{
    static constexpr ClientMessageType kType = ClientMessageType::RequestsList;
    friend bool operator==(const RequestsList &, const RequestsList &) = default;
};

struct PresenceHistory
{
    static constexpr ClientMessageType kType = ClientMessageType::PresenceHistory;
    QString mitraId;
    qint64 fromMs = 0; // ms since the Unix epoch, fromMs <= toMs
    qint64 toMs = 0;
    friend bool operator==(const PresenceHistory &, const PresenceHistory &) = default;
};

// A supervisor takes a mitra offline (reason forced), optionally moving its open sessions.
struct MitraForceOffline
{
    static constexpr ClientMessageType kType = ClientMessageType::MitraForceOffline;
    QString mitraId;
    bool rerouteSessions = false;
    friend bool operator==(const MitraForceOffline &, const MitraForceOffline &) = default;
};

// A page of the audit log, newest first.
struct AuditList
{
    static constexpr ClientMessageType kType = ClientMessageType::AuditList;
    static constexpr int kDefaultLimit = 100;
    static constexpr int kMaxLimit = 1000;
    int limit = kDefaultLimit;      // 1..kMaxLimit
    std::optional<qint64> beforeId; // only entries with a smaller id; >= 1
    QString action;                 // empty: every action; else one of auditActions()
    friend bool operator==(const AuditList &, const AuditList &) = default;
};

} // namespace clientmsg

using ClientPayload =
    std::variant<clientmsg::Hello, clientmsg::Login, clientmsg::PresenceSet, clientmsg::Heartbeat,
                 clientmsg::OfferAccept, clientmsg::OfferDecline, clientmsg::SessionEnd,
                 clientmsg::PairingRequest, clientmsg::PairingCancel, clientmsg::StatsSubscribe,
                 clientmsg::CapacitySet, clientmsg::SessionReroute, clientmsg::SessionsList,
                 clientmsg::RequestsList, clientmsg::PresenceHistory,
                 clientmsg::MitraForceOffline, clientmsg::AuditList>;

// A decoded client message: its type, the client's own `id` (echoed as `ref` in replies) and
// the typed fields. `type` always matches the payload's alternative.
struct ClientMessage
{
    ClientMessageType type = ClientMessageType::Hello;
    std::optional<QString> id;
    ClientPayload payload;

    template <class T>
    static ClientMessage make(T payload, std::optional<QString> id = std::nullopt)
    {
        return ClientMessage{T::kType, std::move(id), ClientPayload(std::move(payload))};
    }

    template <class T> bool holds() const { return std::holds_alternative<T>(payload); }

    // Throws std::bad_variant_access when the payload is another type: check `type` first.
    template <class T> const T &get() const { return std::get<T>(payload); }

    template <class T> const T *getIf() const { return std::get_if<T>(&payload); }

    friend bool operator==(const ClientMessage &, const ClientMessage &) = default;
};

} // namespace hb
