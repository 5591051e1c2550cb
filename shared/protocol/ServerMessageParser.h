#pragma once

#include "AuditEntry.h"
#include "ClientMessage.h"
#include "ErrorCode.h"
#include "RequestSummary.h"
#include "StatsSnapshot.h"
#include "domain/PresenceInterval.h"
#include "domain/Role.h"
#include "domain/Session.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <optional>
#include <variant>

namespace hb {

// The client's side of the wire: what the control center (and test clients) read from the
// server. The inverse of ServerMessages for the messages a staff client receives. Pure: no I/O,
// no state. Follows the protocol's rule that unknown fields and message types are ignored, so
// a newer server keeps working with this client.
namespace servermsg {

struct Welcome
{
    Role role = Role::Staff;
    QString userId;
    QString name;
    qint64 serverTimeMs = 0;
    int heartbeatIntervalS = 0;
    int heartbeatTimeoutS = 0;
    std::optional<QString> token;       // staff password logins only
    std::optional<StaffRole> staffRole; // staff only (addition); absent from older servers
    QString serverInstance;             // addition; empty when the server does not say
};

struct Error
{
    std::optional<ErrorCode> code; // empty for a code this client does not know
    QString codeText;              // the `code` string as sent, for display and logs
    QString message;
};

// `stats` is a StatsSnapshot (see StatsSnapshot.h).

struct CapacityUpdated
{
    CapacityScope scope = CapacityScope::Global;
    QString mitraId;                 // empty for scope global
    std::optional<int> maxCustomers; // empty: the mitra follows the global value again
};

struct SessionRerouted
{
    Session session; // `mitra` is the new one
};

struct Sessions
{
    QList<Session> sessions; // open ones, oldest first
};

struct Requests
{
    QList<RequestSummary> requests; // open ones, oldest first
};

struct PresenceHistory
{
    QString mitraId;
    QList<PresenceInterval> intervals; // oldest first; each carries mitraId too
};

struct ReroutedSession
{
    QString sessionId;
    QString toMitraId;
    friend bool operator==(const ReroutedSession &, const ReroutedSession &) = default;
};

struct MitraForcedOffline
{
    QString mitraId;
    bool wasOnline = false;
    QList<ReroutedSession> rerouted;
    QStringList kept; // session ids no one could take
};

// Entries as the backend stores them (AuditEntry.h): a null on the wire is an empty string, or
// an Undefined `before`/`after`. Unknown actions are kept: a newer server's must still show.
struct Audit
{
    bool more = false;         // older entries exist
    QList<AuditEntry> entries; // newest first
};

// A message type this parser does not know (or one a staff client never gets, e.g. `offer`):
// ignored by clients, but its type and ref are kept for logs and correlation.
struct Other
{
    QString type;
};

} // namespace servermsg

using ServerPayload =
    std::variant<servermsg::Other, servermsg::Welcome, servermsg::Error, StatsSnapshot,
                 servermsg::CapacityUpdated, servermsg::SessionRerouted, servermsg::Sessions,
                 servermsg::Requests, servermsg::PresenceHistory, servermsg::MitraForcedOffline,
                 servermsg::Audit>;

// One decoded server message: its `ref` (present on direct replies) and typed content.
struct ServerMessage
{
    QString type;
    std::optional<QString> ref;
    ServerPayload payload;

    template <class T> const T *getIf() const { return std::get_if<T>(&payload); }
};

// The outcome of decoding one frame: the message, or why it could not be read. A message of a
// known type with a missing or malformed field is an error (the reply cannot be trusted); its
// `ref` is still returned when readable, so a waiting request can be failed rather than left
// to time out.
struct ServerParseResult
{
    std::optional<ServerMessage> message;
    QString error; // meaningful only when !message
    std::optional<QString> ref;

    bool ok() const { return message.has_value(); }
};

ServerParseResult parseServerMessage(QByteArrayView frame);
ServerParseResult parseServerMessage(const QJsonObject &object);

} // namespace hb
