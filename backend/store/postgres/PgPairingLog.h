#pragma once

#include "store/postgres/PairingRecords.h"
#include "store/postgres/PgWorker.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

// The steps PostgresStore's pairing writes are made of, each one statement or a few, all run
// inside the caller's transaction. Private to store/postgres.
//
// How the writes commute across instances:
// - Every step is "insert if absent" or an update guarded so that repeating it changes nothing.
// - Two writes about the same request, or the same session, never interleave: each takes a
//   transaction-scoped advisory lock on the request id, then on the session id (always in that
//   order, so they cannot deadlock). Without it, two READ COMMITTED transactions could each miss
//   the other's uncommitted rows, e.g. a request closing while its offers are being inserted
//   would leave those offers open forever.
// - What a write needs that another write creates (customer, mitra, request, session, offer) it
//   creates from its own data if absent.
namespace hb {

class PgTransaction;

namespace pgpairing {

void lockRequest(PgTransaction &tx, const QString &requestId);
void lockSession(PgTransaction &tx, const QString &sessionId);
// The same locks, declared for a batched write (PgWorker::submitBatchable).
PgWorker::AdvisoryLock requestLock(const QString &requestId);
PgWorker::AdvisoryLock sessionLock(const QString &sessionId);

// Inserts if absent. An existing row whose name is only its id (a stand-in) gets `name`.
void ensureCustomer(PgTransaction &tx, const QString &id, const QString &name);
void ensureMitra(PgTransaction &tx, const QString &id, const QString &name);
// Inserts the mitras that do not exist yet, named by their ids.
void ensureMitras(PgTransaction &tx, const QStringList &ids);

// Inserts the request, open, if absent (the customer must exist).
void ensureRequest(PgTransaction &tx, const RequestRecord &request);
bool requestExists(PgTransaction &tx, const QString &requestId);
// First close wins: only an open request changes. An empty reason is NULL, or "cancelled" for
// status cancelled.
void closeRequest(PgTransaction &tx, const QString &requestId, const QString &status,
                  const QString &reason, qint64 closedAtMs);

// Inserts open offers if absent; offered_at keeps the earliest time any write knew.
void ensureOffers(PgTransaction &tx, const QString &requestId, const QStringList &mitraIds,
                  qint64 offeredAtMs);
// Once the request is closed, its offers close with the outcome that follows from it (taken,
// cancelled, failed) at the request's closed_at, by the rule of closeOffer().
void settleOffers(PgTransaction &tx, const QString &requestId);
// Which of two closes of one offer stands must not depend on which was logged first, so: the
// earlier one wins; at the same instant the mitra's own outcome (declined, expired) wins over one
// that only follows from the request closing (taken, cancelled, failed); accepted wins over the
// latter whatever the times (the winner's offer is never "taken"), and is never replaced.
// (Accepted against declined or expired cannot both happen: Valkey decides one; the first
// logged stays.)
void closeOffer(PgTransaction &tx, const QString &requestId, const QString &mitraId,
                const QString &outcome, qint64 closedAtMs);

// Inserts the session (awaiting_payment) if absent. Throws PostgresError if its request already
// has another session, or if the session exists with another request: both are bugs upstream,
// and the write must fail loudly rather than be retried or swallowed.
void ensureSession(PgTransaction &tx, const SessionRecord &session);
bool sessionExists(PgTransaction &tx, const QString &sessionId);

// Adds one assignment to the session's timeline: the one before it ends where it begins, and it
// ends where the next one begins, or when the session ended, or is current. So the assignments
// end up the same whatever order they are logged in, and at most the last one is current.
// Throws PostgresError if that instant already holds an assignment to another mitra.
void placeAssignment(PgTransaction &tx, const QString &sessionId, const QString &mitraId,
                     qint64 assignedAtMs, const QString &reason, const QString &assignedBy);

// Payment confirmed: awaiting_payment -> active; started_at is kept from the first log, and is
// filled in even on an ended session (the end was logged first).
void applyStarted(PgTransaction &tx, const QString &sessionId, qint64 startedAtMs);
// The first end wins; the current assignment ends with it.
void applyEnded(PgTransaction &tx, const QString &sessionId, qint64 endedAtMs,
                const QString &reason);
// A start or end for a session whose row has not been logged yet; the first of each kind wins.
void addPendingEvent(PgTransaction &tx, const QString &sessionId, const QString &kind, qint64 atMs,
                     const QString &reason);
// Applies and deletes the pending events of a session whose row now exists.
void applyPendingEvents(PgTransaction &tx, const QString &sessionId);

} // namespace pgpairing
} // namespace hb
