#include "PgPairingLog.h"

#include "PgTransaction.h"
#include "store/postgres/PostgresError.h"

namespace hb::pgpairing {

namespace {

// Advisory lock classes (the first key of the two-key form, whose key space is separate from
// the migration lock's one-key form): "HB" followed by 1 or 2.
constexpr int kRequestLockClass = 0x48420001;
constexpr int kSessionLockClass = 0x48420002;

// Times: see PostgresStore.cpp ('epoch' + ms * interval '1 millisecond' is exact).

const char *const kLock = "SELECT pg_advisory_xact_lock($1::integer, hashtext($2))";

// A row named by its own id got a stand-in name from a write that did not know the real one.
// Insert-or-nothing, then an update only where a stand-in is to be replaced: ON CONFLICT DO
// UPDATE would lock the existing row even when its WHERE is false, which would make every write
// naming a popular mitra wait for the others.
const char *const kInsertCustomer = R"sql(
INSERT INTO customers (id, display_name) VALUES ($1, coalesce(NULLIF($2, ''), $1))
ON CONFLICT (id) DO NOTHING)sql";

const char *const kNameCustomer = R"sql(
UPDATE customers SET display_name = $2, updated_at = now()
WHERE id = $1 AND display_name = id AND $2 <> '' AND $2 <> id)sql";

const char *const kInsertMitra = R"sql(
INSERT INTO mitras (id, display_name) VALUES ($1, coalesce(NULLIF($2, ''), $1))
ON CONFLICT (id) DO NOTHING)sql";

const char *const kNameMitra = R"sql(
UPDATE mitras SET display_name = $2, updated_at = now()
WHERE id = $1 AND display_name = id AND $2 <> '' AND $2 <> id)sql";

// Sorted so that concurrent inserts of overlapping sets take their index locks in one order.
const char *const kEnsureMitras = R"sql(
INSERT INTO mitras (id, display_name)
SELECT m, m FROM (SELECT DISTINCT m FROM unnest($1::text[]) AS m ORDER BY m) AS ids
ON CONFLICT (id) DO NOTHING)sql";

const char *const kEnsureRequest = R"sql(
INSERT INTO pairing_requests (id, customer_id, strategy, created_at, deadline_at)
VALUES ($1, $2, $3,
        'epoch'::timestamptz + $4::bigint * interval '1 millisecond',
        'epoch'::timestamptz + $5::bigint * interval '1 millisecond')
ON CONFLICT (id) DO NOTHING)sql";

const char *const kRequestExists = "SELECT 1 FROM pairing_requests WHERE id = $1";

const char *const kCloseRequest = R"sql(
UPDATE pairing_requests
SET status = $2::text,
    outcome_reason = coalesce(NULLIF($3::text, ''),
                              CASE WHEN $2::text = 'cancelled' THEN 'cancelled' END),
    closed_at = 'epoch'::timestamptz + $4::bigint * interval '1 millisecond'
WHERE id = $1 AND status = 'open')sql";

// DISTINCT: ON CONFLICT DO UPDATE may not touch one row twice in a statement.
const char *const kEnsureOffers = R"sql(
INSERT INTO request_offers (request_id, mitra_id, offered_at)
SELECT $1, m, 'epoch'::timestamptz + $3::bigint * interval '1 millisecond'
FROM (SELECT DISTINCT m FROM unnest($2::text[]) AS m ORDER BY m) AS ids
ON CONFLICT (request_id, mitra_id) DO UPDATE SET offered_at = EXCLUDED.offered_at
    WHERE EXCLUDED.offered_at < request_offers.offered_at)sql";

// An offer closed by the mitra (declined, expired) after the request had closed keeps the
// request's earlier close instead: see closeOffer().
const char *const kSettleOffers = R"sql(
UPDATE request_offers AS o
SET outcome = CASE r.status WHEN 'matched' THEN 'taken' ELSE r.status END,
    closed_at = r.closed_at
FROM pairing_requests AS r
WHERE r.id = $1 AND o.request_id = r.id AND r.status <> 'open'
  AND (o.outcome IS NULL OR (o.outcome <> 'accepted' AND r.closed_at < o.closed_at)))sql";

// The rule of closeOffer(), for the new outcome $3 at $4 against the stored one.
const char *const kCloseOffer = R"sql(
UPDATE request_offers
SET outcome = $3::text,
    closed_at = 'epoch'::timestamptz + $4::bigint * interval '1 millisecond'
WHERE request_id = $1 AND mitra_id = $2
  AND (outcome IS NULL
       OR (outcome <> 'accepted'
           AND CASE
                   WHEN $3::text = 'accepted' THEN outcome IN ('taken', 'cancelled', 'failed')
                   ELSE 'epoch'::timestamptz + $4::bigint * interval '1 millisecond' < closed_at
                        OR ('epoch'::timestamptz + $4::bigint * interval '1 millisecond'
                                = closed_at
                            AND $3::text IN ('declined', 'expired')
                            AND outcome IN ('taken', 'cancelled', 'failed'))
               END)))sql";

const char *const kOtherSessionOfRequest =
    "SELECT id FROM sessions WHERE request_id = $1 AND id <> $2 LIMIT 1";

const char *const kInsertSession = R"sql(
INSERT INTO sessions (id, request_id, customer_id, state, accepted_at)
VALUES ($1, $2, $3, 'awaiting_payment',
        'epoch'::timestamptz + $4::bigint * interval '1 millisecond')
ON CONFLICT (id) DO NOTHING)sql";

const char *const kSessionRequest = "SELECT request_id FROM sessions WHERE id = $1";

// The assignment before the new one ends where the new one begins. Its end can only be later
// (or absent) if it was written before the new one was known.
const char *const kClosePreviousAssignment = R"sql(
UPDATE session_assignments
SET unassigned_at = 'epoch'::timestamptz + $2::bigint * interval '1 millisecond'
WHERE session_id = $1
  AND assigned_at = (SELECT max(assigned_at) FROM session_assignments
                     WHERE session_id = $1
                       AND assigned_at
                           < 'epoch'::timestamptz + $2::bigint * interval '1 millisecond')
  AND (unassigned_at IS NULL
       OR unassigned_at > 'epoch'::timestamptz + $2::bigint * interval '1 millisecond'))sql";

// The new one ends where the next known one begins, else when the session ended, else it is
// current. A repeat only fills in who made a reroute, if that was not known yet.
const char *const kInsertAssignment = R"sql(
INSERT INTO session_assignments (session_id, mitra_id, assigned_at, reason, assigned_by,
                                 unassigned_at)
SELECT $1, $2, t.at, $4, NULLIF($5, ''),
       coalesce((SELECT min(assigned_at) FROM session_assignments
                 WHERE session_id = $1 AND assigned_at > t.at),
                (SELECT ended_at FROM sessions WHERE id = $1))
FROM (SELECT 'epoch'::timestamptz + $3::bigint * interval '1 millisecond' AS at) AS t
ON CONFLICT (session_id, assigned_at) DO UPDATE SET assigned_by = EXCLUDED.assigned_by
    WHERE session_assignments.assigned_by IS NULL AND EXCLUDED.assigned_by IS NOT NULL)sql";

const char *const kAssignmentMitra = R"sql(
SELECT mitra_id FROM session_assignments
WHERE session_id = $1
  AND assigned_at = 'epoch'::timestamptz + $2::bigint * interval '1 millisecond')sql";

const char *const kSessionExists = "SELECT 1 FROM sessions WHERE id = $1";

const char *const kApplyStarted = R"sql(
UPDATE sessions
SET started_at = coalesce(started_at,
                          'epoch'::timestamptz + $2::bigint * interval '1 millisecond'),
    state = CASE WHEN state = 'awaiting_payment' THEN 'active' ELSE state END
WHERE id = $1 AND (started_at IS NULL OR state = 'awaiting_payment'))sql";

const char *const kApplyEnded = R"sql(
UPDATE sessions
SET state = 'ended',
    ended_at = 'epoch'::timestamptz + $2::bigint * interval '1 millisecond',
    end_reason = NULLIF($3, '')
WHERE id = $1 AND state <> 'ended')sql";

// With the session's ended_at, not the caller's time: the first end won.
const char *const kEndCurrentAssignment = R"sql(
UPDATE session_assignments AS a
SET unassigned_at = s.ended_at
FROM sessions AS s
WHERE s.id = $1 AND a.session_id = s.id AND a.unassigned_at IS NULL
  AND s.ended_at IS NOT NULL)sql";

const char *const kAddPendingEvent = R"sql(
INSERT INTO session_pending_events (session_id, kind, at, reason)
VALUES ($1, $2, 'epoch'::timestamptz + $3::bigint * interval '1 millisecond', NULLIF($4, ''))
ON CONFLICT (session_id, kind) DO NOTHING)sql";

const char *const kTakePendingEvents = R"sql(
DELETE FROM session_pending_events WHERE session_id = $1
RETURNING kind, floor(extract(epoch FROM at) * 1000)::bigint, reason)sql";

// A PostgreSQL array literal of `items`: {"a","b \"quoted\""}.
QString textArray(const QStringList &items)
{
    QString literal(QLatin1Char('{'));
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            literal += QLatin1Char(',');
        QString item = items.at(i);
        item.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        item.replace(QLatin1Char('"'), QLatin1String("\\\""));
        literal += QLatin1Char('"') + item + QLatin1Char('"');
    }
    literal += QLatin1Char('}');
    return literal;
}

} // namespace

void lockRequest(PgTransaction &tx, const QString &requestId)
{
    tx.exec(kLock, kRequestLockClass, requestId);
}

void lockSession(PgTransaction &tx, const QString &sessionId)
{
    tx.exec(kLock, kSessionLockClass, sessionId);
}

PgWorker::AdvisoryLock requestLock(const QString &requestId)
{
    return {kRequestLockClass, requestId};
}

PgWorker::AdvisoryLock sessionLock(const QString &sessionId)
{
    return {kSessionLockClass, sessionId};
}

void ensureCustomer(PgTransaction &tx, const QString &id, const QString &name)
{
    tx.exec(kInsertCustomer, id, name);
    if (!name.isEmpty() && name != id)
        tx.exec(kNameCustomer, id, name);
}

void ensureMitra(PgTransaction &tx, const QString &id, const QString &name)
{
    tx.exec(kInsertMitra, id, name);
    if (!name.isEmpty() && name != id)
        tx.exec(kNameMitra, id, name);
}

void ensureMitras(PgTransaction &tx, const QStringList &ids)
{
    if (!ids.isEmpty())
        tx.exec(kEnsureMitras, textArray(ids));
}

void ensureRequest(PgTransaction &tx, const RequestRecord &request)
{
    tx.exec(kEnsureRequest, request.id, request.customerId, request.strategy, request.createdAtMs,
            request.deadlineAtMs);
}

bool requestExists(PgTransaction &tx, const QString &requestId)
{
    return !tx.exec(kRequestExists, requestId).empty();
}

void closeRequest(PgTransaction &tx, const QString &requestId, const QString &status,
                  const QString &reason, qint64 closedAtMs)
{
    if (status == QLatin1String("open"))
        throw PostgresError(
            QStringLiteral("cannot close request %1 with status open").arg(requestId));
    tx.exec(kCloseRequest, requestId, status, reason, closedAtMs);
}

void ensureOffers(PgTransaction &tx, const QString &requestId, const QStringList &mitraIds,
                  qint64 offeredAtMs)
{
    if (!mitraIds.isEmpty())
        tx.exec(kEnsureOffers, requestId, textArray(mitraIds), offeredAtMs);
}

void settleOffers(PgTransaction &tx, const QString &requestId)
{
    tx.exec(kSettleOffers, requestId);
}

void closeOffer(PgTransaction &tx, const QString &requestId, const QString &mitraId,
                const QString &outcome, qint64 closedAtMs)
{
    tx.exec(kCloseOffer, requestId, mitraId, outcome, closedAtMs);
}

void ensureSession(PgTransaction &tx, const SessionRecord &session)
{
    // Checked here for a clear message (the request lock makes the check race-free); the UNIQUE
    // constraint on sessions.request_id stays the last word.
    const pqxx::result other = tx.exec(kOtherSessionOfRequest, session.requestId, session.id);
    if (!other.empty()) {
        throw PostgresError(
            QStringLiteral("request %1 already has session %2; refusing to record a second "
                           "session %3 for it")
                .arg(session.requestId, PgTransaction::text(other[0][0]), session.id));
    }
    tx.exec(kInsertSession, session.id, session.requestId, session.customerId,
            session.acceptedAtMs);
    const pqxx::result row = tx.exec(kSessionRequest, session.id);
    const QString requestId = row.empty() ? QString() : PgTransaction::text(row[0][0]);
    if (requestId != session.requestId) {
        throw PostgresError(QStringLiteral("session %1 belongs to request %2, not to %3")
                                .arg(session.id, requestId, session.requestId));
    }
}

bool sessionExists(PgTransaction &tx, const QString &sessionId)
{
    return !tx.exec(kSessionExists, sessionId).empty();
}

void placeAssignment(PgTransaction &tx, const QString &sessionId, const QString &mitraId,
                     qint64 assignedAtMs, const QString &reason, const QString &assignedBy)
{
    tx.exec(kClosePreviousAssignment, sessionId, assignedAtMs);
    tx.exec(kInsertAssignment, sessionId, mitraId, assignedAtMs, reason, assignedBy);
    const pqxx::result row = tx.exec(kAssignmentMitra, sessionId, assignedAtMs);
    const QString holder = row.empty() ? QString() : PgTransaction::text(row[0][0]);
    if (holder != mitraId) {
        throw PostgresError(QStringLiteral("session %1 was assigned to mitra %2 at %3 ms, not to "
                                           "mitra %4")
                                .arg(sessionId, holder, QString::number(assignedAtMs), mitraId));
    }
}

void applyStarted(PgTransaction &tx, const QString &sessionId, qint64 startedAtMs)
{
    tx.exec(kApplyStarted, sessionId, startedAtMs);
}

void applyEnded(PgTransaction &tx, const QString &sessionId, qint64 endedAtMs,
                const QString &reason)
{
    tx.exec(kApplyEnded, sessionId, endedAtMs, reason);
    tx.exec(kEndCurrentAssignment, sessionId);
}

void addPendingEvent(PgTransaction &tx, const QString &sessionId, const QString &kind, qint64 atMs,
                     const QString &reason)
{
    tx.exec(kAddPendingEvent, sessionId, kind, atMs, reason);
}

void applyPendingEvents(PgTransaction &tx, const QString &sessionId)
{
    // A start before an end, whatever order they were logged in (applyStarted also works on an
    // ended session, but this keeps the state walk the natural one).
    const pqxx::result events = tx.exec(kTakePendingEvents, sessionId);
    for (const auto &event : events) {
        if (PgTransaction::text(event[0]) == QLatin1String("started"))
            applyStarted(tx, sessionId, PgTransaction::int64(event[1]));
    }
    for (const auto &event : events) {
        if (PgTransaction::text(event[0]) == QLatin1String("ended"))
            applyEnded(tx, sessionId, PgTransaction::int64(event[1]),
                       PgTransaction::text(event[2]));
    }
}

} // namespace hb::pgpairing
