#pragma once

#include "store/postgres/PairingRecords.h"

#include <QString>
#include <QtGlobal>

namespace hb {

// One event of the durable log as the outbox stream carried it (decoded by
// durable/OutboxEventDecoder), for PostgresStore::applyEvents. `id` is the stream entry id: it
// names the event for dead letters and logs. Applying an event twice changes nothing (the
// pairing log's writes are idempotent by natural keys), so redelivery is harmless.
struct OutboxEvent
{
    enum class Kind {
        SessionAccepted, // request + session: the request matched, the session and its first
                         // assignment (PostgresStore::recordSessionAccepted)
        SessionStarted,  // session.id, atMs
        SessionEnded,    // session.id, atMs, reason
    };

    QString id;
    Kind kind = Kind::SessionStarted;
    RequestRecord request; // SessionAccepted
    SessionRecord session; // SessionAccepted: all of it; the others: id only
    qint64 atMs = 0;       // SessionStarted, SessionEnded
    QString reason;        // SessionEnded

    friend bool operator==(const OutboxEvent &, const OutboxEvent &) = default;
};

// An event PostgreSQL refused for good (outbox_dead_letters).
struct DeadLetter
{
    QString eventId;
    QString eventType;
    QString payload; // the event as JSON, for staff
    QString error;
    qint64 receivedAtMs = 0;
};

// The event as JSON (what a dead letter keeps).
QString describe(const OutboxEvent &event);

// The event type as the scripts write it ("session.accepted", ...).
QString toString(OutboxEvent::Kind kind);

} // namespace hb
