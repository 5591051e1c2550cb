#pragma once

#include <QHash>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace hb {

// What the durable pairing log is told and what it gives back (PostgresStore). Times are
// milliseconds since the Unix epoch; they round-trip exactly.
//
// Writes carry enough of their parents to create them: instances log in any order, so a write
// may land before the write that "should" have created its request, customer, mitra or session.

// A customer's pairing request as created. Never changes; its outcome is logged separately.
struct RequestRecord
{
    QString id;
    QString customerId;
    QString customerName; // empty: the id stands in until a name is known
    QString strategy;     // broadcast | round_robin | weighted_round_robin
    qint64 createdAtMs = 0;
    qint64 deadlineAtMs = 0;

    friend bool operator==(const RequestRecord &, const RequestRecord &) = default;
};

// A session as accepted (writes), or as it stands now (openSessions()).
struct SessionRecord
{
    QString id;
    QString requestId;
    QString customerId;
    QString customerName; // empty: the id stands in until a name is known
    QString mitraId;      // writes: see each method; reads: the mitra serving it now
    QString mitraName;
    qint64 acceptedAtMs = 0;

    // Filled by reads only (ignored by writes).
    QString state;                     // awaiting_payment | active | ended
    std::optional<qint64> startedAtMs; // once payment confirmed
    qint64 assignedAtMs = 0;           // when the current mitra was assigned (for a reroute)

    friend bool operator==(const SessionRecord &, const SessionRecord &) = default;
};

// One move of a session from one mitra to another, decided by staff.
struct RerouteRecord
{
    // The request the session came from: sessions reference requests, so a reroute that lands
    // before anything else of its session creates the request row from this. An empty
    // `request.strategy` means "not known here": the request row must then exist already.
    RequestRecord request;
    // The session before the reroute: mitraId/mitraName is the mitra it leaves, acceptedAtMs
    // the session's acceptance (which tells the first assignment from later ones).
    SessionRecord session;
    qint64 fromAssignedAtMs = 0; // when the mitra it leaves was assigned
    QString toMitraId;
    QString toMitraName;
    qint64 reroutedAtMs = 0; // must be later than fromAssignedAtMs
    QString byStaff;         // the staff user id
};

// The pairing settings staff change at run time. Empty optionals: not set in the database
// (the configured default applies).
struct PairingSettings
{
    std::optional<int> globalMaxCustomers;
    std::optional<int> roundRobinBatch;
    std::optional<QString> strategy;
    std::optional<int> broadcastMax;
    QHash<QString, int> mitraMaxCustomers; // only mitras with their own capacity
    QHash<QString, int> mitraWeights;      // only weights other than 1

    friend bool operator==(const PairingSettings &, const PairingSettings &) = default;
};

} // namespace hb
