// PostgresStore: the durable log shipped from the Valkey outbox (durable/EventShipper), and the
// events PostgreSQL refused for good. Each event is applied with the pairing log's own steps
// (PgPairingLog.h), which are idempotent and order-free, so redelivery and two shippers racing
// on overlapping batches are harmless.
#include "PgPairingLog.h"
#include "PgTransaction.h"
#include "PgWorker.h"
#include "PostgresStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace hb {

using JobKind = PgWorker::JobKind;
namespace pp = pgpairing;

namespace {

const char *const kInsertDeadLetter = R"sql(
INSERT INTO outbox_dead_letters (event_id, event_type, payload, error)
VALUES ($1, $2, $3, $4)
ON CONFLICT (event_id) DO NOTHING)sql";

const char *const kDeadLetters = R"sql(
SELECT event_id, event_type, payload, error,
       floor(extract(epoch FROM received_at) * 1000)::bigint
FROM outbox_dead_letters ORDER BY received_at, event_id LIMIT $1)sql";

const char *const kDeadLetterCount = "SELECT count(*) FROM outbox_dead_letters";
const char *const kClearDeadLetters = "DELETE FROM outbox_dead_letters";

void applyAccepted(PgTransaction &tx, const OutboxEvent &event)
{
    const RequestRecord &request = event.request;
    const SessionRecord &session = event.session;
    if (request.id != session.requestId) {
        throw PostgresError(QStringLiteral("session %1 is for request %2, not %3")
                                .arg(session.id, session.requestId, request.id));
    }
    pp::lockRequest(tx, request.id);
    pp::ensureCustomer(tx, request.customerId, request.customerName);
    pp::ensureRequest(tx, request);
    pp::lockSession(tx, session.id);
    pp::ensureMitra(tx, session.mitraId, session.mitraName);
    pp::closeRequest(tx, request.id, QStringLiteral("matched"), QString(), session.acceptedAtMs);
    pp::ensureOffers(tx, request.id, {session.mitraId}, session.acceptedAtMs);
    pp::settleOffers(tx, request.id);
    pp::closeOffer(tx, request.id, session.mitraId, QStringLiteral("accepted"),
                   session.acceptedAtMs);
    pp::ensureSession(tx, session);
    pp::placeAssignment(tx, session.id, session.mitraId, session.acceptedAtMs,
                        QStringLiteral("accepted"), QString());
    pp::applyPendingEvents(tx, session.id);
}

// A start or end whose session row is not there yet is kept aside, as recordSessionStarted
// and recordSessionEnded do (an acceptance in a later batch applies it).
void applySessionStep(PgTransaction &tx, const OutboxEvent &event)
{
    const QString &sid = event.session.id;
    const bool started = event.kind == OutboxEvent::Kind::SessionStarted;
    pp::lockSession(tx, sid);
    if (pp::sessionExists(tx, sid)) {
        if (started)
            pp::applyStarted(tx, sid, event.atMs);
        else
            pp::applyEnded(tx, sid, event.atMs, event.reason);
        return;
    }
    pp::addPendingEvent(tx, sid, started ? QStringLiteral("started") : QStringLiteral("ended"),
                        event.atMs, started ? QString() : event.reason);
}

void applyOne(PgTransaction &tx, const OutboxEvent &event)
{
    switch (event.kind) {
    case OutboxEvent::Kind::SessionAccepted:
        applyAccepted(tx, event);
        return;
    case OutboxEvent::Kind::SessionStarted:
    case OutboxEvent::Kind::SessionEnded:
        applySessionStep(tx, event);
        return;
    }
}

} // namespace

QString toString(OutboxEvent::Kind kind)
{
    switch (kind) {
    case OutboxEvent::Kind::SessionAccepted:
        return QStringLiteral("session.accepted");
    case OutboxEvent::Kind::SessionStarted:
        return QStringLiteral("session.started");
    case OutboxEvent::Kind::SessionEnded:
        return QStringLiteral("session.ended");
    }
    return {};
}

QString describe(const OutboxEvent &event)
{
    QJsonObject o{{QStringLiteral("id"), event.id},
                  {QStringLiteral("type"), toString(event.kind)},
                  {QStringLiteral("session"), event.session.id}};
    if (event.kind == OutboxEvent::Kind::SessionAccepted) {
        o.insert(QStringLiteral("request"), event.request.id);
        o.insert(QStringLiteral("customer"), event.request.customerId);
        o.insert(QStringLiteral("mitra"), event.session.mitraId);
        o.insert(QStringLiteral("at"), event.session.acceptedAtMs);
    } else {
        o.insert(QStringLiteral("at"), event.atMs);
    }
    if (!event.reason.isEmpty())
        o.insert(QStringLiteral("reason"), event.reason);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QFuture<void> PostgresStore::applyEvents(const QList<OutboxEvent> &events)
{
    return m_worker->submit<void>(JobKind::Write, [events](PgTransaction &tx) {
        // Every lock the batch needs first, all in one order (requests, then sessions, each
        // sorted), so two instances' batches cannot deadlock; the steps take them again, which
        // an advisory lock held by this transaction allows.
        QList<PgWorker::AdvisoryLock> locks;
        for (const OutboxEvent &event : events) {
            if (event.kind == OutboxEvent::Kind::SessionAccepted)
                locks.append(pp::requestLock(event.request.id));
            locks.append(pp::sessionLock(event.session.id));
        }
        std::sort(locks.begin(), locks.end());
        locks.erase(std::unique(locks.begin(), locks.end()), locks.end());
        for (const PgWorker::AdvisoryLock &lock : std::as_const(locks)) {
            if (lock == pp::requestLock(lock.key))
                pp::lockRequest(tx, lock.key);
            else
                pp::lockSession(tx, lock.key);
        }
        for (const OutboxEvent &event : events)
            applyOne(tx, event);
    });
}

QFuture<void> PostgresStore::recordDeadLetter(const QString &eventId, const QString &eventType,
                                              const QString &payload, const QString &error)
{
    return m_worker->submit<void>(JobKind::Write, [=](PgTransaction &tx) {
        tx.exec(kInsertDeadLetter, eventId, eventType, payload, error);
    });
}

QFuture<QList<DeadLetter>> PostgresStore::deadLetters(int limit)
{
    return m_worker->submit<QList<DeadLetter>>(JobKind::Read, [limit](PgTransaction &tx) {
        QList<DeadLetter> letters;
        for (const auto &row : tx.exec(kDeadLetters, limit)) {
            letters.append({PgTransaction::text(row[0]), PgTransaction::text(row[1]),
                            PgTransaction::text(row[2]), PgTransaction::text(row[3]),
                            PgTransaction::int64(row[4])});
        }
        return letters;
    });
}

QFuture<int> PostgresStore::deadLetterCount()
{
    return m_worker->submit<int>(JobKind::Read, [](PgTransaction &tx) {
        return int(PgTransaction::int64(tx.exec(kDeadLetterCount)[0][0]));
    });
}

QFuture<int> PostgresStore::clearDeadLetters()
{
    return m_worker->submit<int>(JobKind::Write, [](PgTransaction &tx) {
        return int(tx.exec(kClearDeadLetters).affected_rows());
    });
}

} // namespace hb
