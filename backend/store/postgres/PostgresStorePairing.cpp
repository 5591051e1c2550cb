// PostgresStore: the pairing log (writes, and the reads that rebuild live state). The steps and
// why they commute: PgPairingLog.h.
#include "PgPairingLog.h"
#include "PgTransaction.h"
#include "PgWorker.h"
#include "PostgresStore.h"

namespace hb {

using JobKind = PgWorker::JobKind;
namespace pp = pgpairing;

namespace {

// The request row and the rows it references, for any write about the request.
void ensureRequestRows(PgTransaction &tx, const RequestRecord &request)
{
    pp::lockRequest(tx, request.id);
    pp::ensureCustomer(tx, request.customerId, request.customerName);
    pp::ensureRequest(tx, request);
}

const char *const kOpenSessions = R"sql(
SELECT s.id, s.request_id, s.customer_id, c.display_name, a.mitra_id, m.display_name,
       floor(extract(epoch FROM s.accepted_at) * 1000)::bigint,
       s.state,
       floor(extract(epoch FROM s.started_at) * 1000)::bigint,
       floor(extract(epoch FROM a.assigned_at) * 1000)::bigint
FROM sessions AS s
JOIN customers AS c ON c.id = s.customer_id
LEFT JOIN session_assignments AS a ON a.session_id = s.id AND a.unassigned_at IS NULL
LEFT JOIN mitras AS m ON m.id = a.mitra_id
WHERE s.state <> 'ended'
ORDER BY s.accepted_at, s.id)sql";

const char *const kOpenRequests = R"sql(
SELECT r.id, r.customer_id, c.display_name, r.strategy,
       floor(extract(epoch FROM r.created_at) * 1000)::bigint,
       floor(extract(epoch FROM r.deadline_at) * 1000)::bigint
FROM pairing_requests AS r
JOIN customers AS c ON c.id = r.customer_id
WHERE r.status = 'open'
ORDER BY r.created_at, r.id)sql";

QString assignmentReason(qint64 assignedAtMs, qint64 acceptedAtMs)
{
    return assignedAtMs == acceptedAtMs ? QStringLiteral("accepted") : QStringLiteral("rerouted");
}

} // namespace

QFuture<void> PostgresStore::recordRequestCreated(const RequestRecord &request)
{
    return m_worker->submitBatchable([request](PgTransaction &tx) { ensureRequestRows(tx, request); },
                                     {pp::requestLock(request.id)});
}

QFuture<void> PostgresStore::recordOffers(const RequestRecord &request, const QStringList &mitraIds,
                                          qint64 offeredAtMs)
{
    return m_worker->submitBatchable(
        [request, mitraIds, offeredAtMs](PgTransaction &tx) {
            ensureRequestRows(tx, request);
            pp::ensureMitras(tx, mitraIds);
            pp::ensureOffers(tx, request.id, mitraIds, offeredAtMs);
            pp::settleOffers(tx, request.id);
        },
        {pp::requestLock(request.id)});
}

QFuture<void> PostgresStore::recordOfferClosed(const RequestRecord &request, const QString &mitraId,
                                               const QString &outcome, qint64 closedAtMs)
{
    return m_worker->submitBatchable(
                                  [request, mitraId, outcome, closedAtMs](PgTransaction &tx) {
                                      ensureRequestRows(tx, request);
                                      pp::ensureMitra(tx, mitraId, QString());
                                      // The offer's own log may come later: its close time stands
                                      // in for offered_at.
                                      pp::ensureOffers(tx, request.id, {mitraId}, closedAtMs);
                                      // Settle first, so the result is the same as when the offer
                                      // was logged before the request closed: closeOffer then
                                      // decides between the two closes by their rules.
                                      pp::settleOffers(tx, request.id);
                                      pp::closeOffer(tx, request.id, mitraId, outcome, closedAtMs);
                                  },
                                  {pp::requestLock(request.id)});
}

QFuture<void> PostgresStore::recordRequestClosed(const RequestRecord &request,
                                                 const QString &status, const QString &reason,
                                                 qint64 closedAtMs)
{
    return m_worker->submitBatchable(
        [request, status, reason, closedAtMs](PgTransaction &tx) {
            ensureRequestRows(tx, request);
            pp::closeRequest(tx, request.id, status, reason, closedAtMs);
            pp::settleOffers(tx, request.id);
        },
        {pp::requestLock(request.id)});
}

QFuture<void> PostgresStore::recordSessionAccepted(const RequestRecord &request,
                                                   const SessionRecord &session)
{
    return m_worker->submitBatchable([request, session](PgTransaction &tx) {
        if (request.id != session.requestId) {
            throw PostgresError(QStringLiteral("session %1 is for request %2, not %3")
                                    .arg(session.id, session.requestId, request.id));
        }
        ensureRequestRows(tx, request);
        pp::lockSession(tx, session.id);
        pp::ensureCustomer(tx, session.customerId, session.customerName);
        pp::ensureMitra(tx, session.mitraId, session.mitraName);
        pp::closeRequest(tx, request.id, QStringLiteral("matched"), QString(),
                         session.acceptedAtMs);
        pp::ensureOffers(tx, request.id, {session.mitraId}, session.acceptedAtMs);
        pp::settleOffers(tx, request.id);
        pp::closeOffer(tx, request.id, session.mitraId, QStringLiteral("accepted"),
                       session.acceptedAtMs);
        pp::ensureSession(tx, session);
        pp::placeAssignment(tx, session.id, session.mitraId, session.acceptedAtMs,
                            QStringLiteral("accepted"), QString());
        pp::applyPendingEvents(tx, session.id);
    }, {pp::requestLock(request.id), pp::sessionLock(session.id)});
}

// Relies on no ordering between instances. The session row needs data these calls do not have,
// so a start or end that finds no row is kept in session_pending_events; whichever write creates
// the row (recordSessionAccepted, recordReroute) applies and deletes them. The per-session lock
// makes "row absent, so keep it aside" and "row created, so apply what was kept" exclusive.
QFuture<void> PostgresStore::recordSessionStarted(const QString &sessionId, qint64 startedAtMs)
{
    return m_worker->submitBatchable(
        [sessionId, startedAtMs](PgTransaction &tx) {
            pp::lockSession(tx, sessionId);
            if (pp::sessionExists(tx, sessionId))
                pp::applyStarted(tx, sessionId, startedAtMs);
            else
                pp::addPendingEvent(tx, sessionId, QStringLiteral("started"), startedAtMs,
                                    QString());
        },
        {pp::sessionLock(sessionId)});
}

QFuture<void> PostgresStore::recordSessionEnded(const QString &sessionId, qint64 endedAtMs,
                                                const QString &reason)
{
    return m_worker->submitBatchable(
        [sessionId, endedAtMs, reason](PgTransaction &tx) {
            pp::lockSession(tx, sessionId);
            if (pp::sessionExists(tx, sessionId))
                pp::applyEnded(tx, sessionId, endedAtMs, reason);
            else
                pp::addPendingEvent(tx, sessionId, QStringLiteral("ended"), endedAtMs, reason);
        },
        {pp::sessionLock(sessionId)});
}

QFuture<void> PostgresStore::recordReroute(const RerouteRecord &reroute)
{
    return m_worker->submit<void>(JobKind::Write, [reroute](PgTransaction &tx) {
        const SessionRecord &session = reroute.session;
        // Assignments are keyed by their start: a reroute at or before the start it ends would
        // collide with it or reorder the timeline.
        if (reroute.reroutedAtMs <= reroute.fromAssignedAtMs) {
            throw PostgresError(QStringLiteral("reroute of session %1 at %2 ms is not after the "
                                               "assignment it ends (%3 ms)")
                                    .arg(session.id, QString::number(reroute.reroutedAtMs),
                                         QString::number(reroute.fromAssignedAtMs)));
        }
        RequestRecord request = reroute.request;
        if (request.id.isEmpty())
            request.id = session.requestId;
        if (request.id != session.requestId) {
            throw PostgresError(QStringLiteral("session %1 is for request %2, not %3")
                                    .arg(session.id, session.requestId, request.id));
        }

        pp::lockRequest(tx, request.id);
        pp::lockSession(tx, session.id);
        pp::ensureCustomer(tx, session.customerId, session.customerName);
        pp::ensureMitra(tx, session.mitraId, session.mitraName);
        pp::ensureMitra(tx, reroute.toMitraId, reroute.toMitraName);
        if (!request.strategy.isEmpty()) {
            pp::ensureCustomer(tx, request.customerId, request.customerName);
            pp::ensureRequest(tx, request);
        } else if (!pp::requestExists(tx, request.id)) {
            throw PostgresError(QStringLiteral("cannot record the reroute of session %1: its "
                                               "request %2 is not logged yet and the reroute "
                                               "does not carry it")
                                    .arg(session.id, request.id));
        }
        // A session exists, so its request was matched, when the session was accepted.
        pp::closeRequest(tx, request.id, QStringLiteral("matched"), QString(),
                         session.acceptedAtMs);
        pp::settleOffers(tx, request.id);
        const bool leavesFirstMitra = reroute.fromAssignedAtMs == session.acceptedAtMs;
        if (leavesFirstMitra) {
            // The mitra it leaves is the one who accepted.
            pp::ensureOffers(tx, request.id, {session.mitraId}, session.acceptedAtMs);
            pp::closeOffer(tx, request.id, session.mitraId, QStringLiteral("accepted"),
                           session.acceptedAtMs);
        }

        pp::ensureSession(tx, session);
        pp::placeAssignment(tx, session.id, session.mitraId, reroute.fromAssignedAtMs,
                            assignmentReason(reroute.fromAssignedAtMs, session.acceptedAtMs),
                            QString());
        pp::placeAssignment(tx, session.id, reroute.toMitraId, reroute.reroutedAtMs,
                            QStringLiteral("rerouted"), reroute.byStaff);
        pp::applyPendingEvents(tx, session.id);
    });
}

QFuture<QList<SessionRecord>> PostgresStore::openSessions()
{
    return m_worker->submit<QList<SessionRecord>>(JobKind::Read, [](PgTransaction &tx) {
        QList<SessionRecord> sessions;
        for (const auto &row : tx.exec(kOpenSessions)) {
            SessionRecord session;
            session.id = PgTransaction::text(row[0]);
            session.requestId = PgTransaction::text(row[1]);
            session.customerId = PgTransaction::text(row[2]);
            session.customerName = PgTransaction::text(row[3]);
            session.mitraId = PgTransaction::text(row[4]);
            session.mitraName = PgTransaction::text(row[5]);
            session.acceptedAtMs = PgTransaction::int64(row[6]);
            session.state = PgTransaction::text(row[7]);
            session.startedAtMs = PgTransaction::optionalInt64(row[8]);
            // No current assignment cannot happen for an open session; 0 if it ever did.
            session.assignedAtMs = PgTransaction::optionalInt64(row[9]).value_or(0);
            sessions.append(std::move(session));
        }
        return sessions;
    });
}

QFuture<QList<RequestRecord>> PostgresStore::openRequests()
{
    return m_worker->submit<QList<RequestRecord>>(JobKind::Read, [](PgTransaction &tx) {
        QList<RequestRecord> requests;
        for (const auto &row : tx.exec(kOpenRequests)) {
            RequestRecord request;
            request.id = PgTransaction::text(row[0]);
            request.customerId = PgTransaction::text(row[1]);
            request.customerName = PgTransaction::text(row[2]);
            request.strategy = PgTransaction::text(row[3]);
            request.createdAtMs = PgTransaction::int64(row[4]);
            request.deadlineAtMs = PgTransaction::int64(row[5]);
            requests.append(std::move(request));
        }
        return requests;
    });
}

} // namespace hb
