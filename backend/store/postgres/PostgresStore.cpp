#include "PostgresStore.h"

#include "MitraRows.h"
#include "PgConnInfo.h"
#include "PgConnection.h"
#include "PgMigrator.h"
#include "PgTransaction.h"
#include "PgWorker.h"

namespace hb {

namespace {

using JobKind = PgWorker::JobKind;

// Milliseconds since the epoch <-> timestamptz without floating point seconds. timestamptz keeps
// microseconds; `'epoch'::timestamptz + ms * interval '1 millisecond'` is exact for
// |ms| < 2^53 / 1000 (until about year 2255), and `floor(extract(epoch FROM t) * 1000)` is exact
// because extract() returns numeric since PostgreSQL 14.

const char *const kUpsertMitra = R"sql(
INSERT INTO mitras (id, display_name) VALUES ($1, $2)
ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = now()
    WHERE mitras.display_name IS DISTINCT FROM EXCLUDED.display_name)sql";

const char *const kUpsertCustomer = R"sql(
INSERT INTO customers (id, display_name) VALUES ($1, $2)
ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = now()
    WHERE customers.display_name IS DISTINCT FROM EXCLUDED.display_name)sql";

// The interval's times never change once written. The only update fills opened_by when the close
// was logged first, so both orders end in the same row.
const char *const kRecordOnline = R"sql(
INSERT INTO presence_intervals (mitra_id, online_at, opened_by)
VALUES ($1, 'epoch'::timestamptz + $2::bigint * interval '1 millisecond', NULLIF($3, ''))
ON CONFLICT (mitra_id, online_at) DO UPDATE SET opened_by = EXCLUDED.opened_by
    WHERE presence_intervals.opened_by IS NULL)sql";

// The first close wins: a late duplicate (another instance, a retry) must not move offline_at.
const char *const kRecordOffline = R"sql(
INSERT INTO presence_intervals (mitra_id, online_at, offline_at, reason, closed_by)
VALUES ($1,
        'epoch'::timestamptz + $2::bigint * interval '1 millisecond',
        'epoch'::timestamptz + $3::bigint * interval '1 millisecond',
        $4, NULLIF($5, ''))
ON CONFLICT (mitra_id, online_at) DO UPDATE
    SET offline_at = EXCLUDED.offline_at, reason = EXCLUDED.reason, closed_by = EXCLUDED.closed_by
    WHERE presence_intervals.offline_at IS NULL)sql";

// The coalesce(...) expression is the one indexed by presence_intervals_mitra_end_idx.
const char *const kPresenceIntervals = R"sql(
SELECT mitra_id,
       floor(extract(epoch FROM online_at) * 1000)::bigint,
       floor(extract(epoch FROM offline_at) * 1000)::bigint,
       reason
FROM presence_intervals
WHERE mitra_id = $1
  AND online_at <= 'epoch'::timestamptz + $3::bigint * interval '1 millisecond'
  AND coalesce(offline_at, 'infinity'::timestamptz)
      >= 'epoch'::timestamptz + $2::bigint * interval '1 millisecond'
ORDER BY online_at)sql";

const char *const kOpenIntervals = R"sql(
SELECT mitra_id, floor(extract(epoch FROM online_at) * 1000)::bigint, NULL::bigint, reason
FROM presence_intervals
WHERE offline_at IS NULL
ORDER BY mitra_id, online_at)sql";

QList<PresenceInterval> toIntervals(const pqxx::result &rows)
{
    QList<PresenceInterval> intervals;
    intervals.reserve(static_cast<qsizetype>(rows.size()));
    for (const auto &row : rows) {
        PresenceInterval interval;
        interval.mitraId = PgTransaction::text(row[0]);
        interval.onlineAtMs = PgTransaction::int64(row[1]);
        interval.offlineAtMs = PgTransaction::optionalInt64(row[2]);
        interval.reason = PgTransaction::text(row[3]);
        intervals.append(std::move(interval));
    }
    return intervals;
}

} // namespace

PostgresStore::PostgresStore(PostgresConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
    QString conninfo = pgconninfo::withParameter(m_config.url, QStringLiteral("connect_timeout"),
                                                 QString::number(m_config.connectTimeoutS));
    conninfo = pgconninfo::withParameter(conninfo, QStringLiteral("fallback_application_name"),
                                         QStringLiteral("halobestie"));
    m_worker = new PgWorker(conninfo, pgconninfo::redacted(m_config.url), this);
    connect(m_worker, &PgWorker::connectionLost, this, &PostgresStore::connectionLost);
    connect(m_worker, &PgWorker::connectionRestored, this, &PostgresStore::connectionRestored);
}

PostgresStore::~PostgresStore()
{
    m_worker->close(kDefaultCloseTimeoutMs);
}

QFuture<void> PostgresStore::open()
{
    return m_worker->submitOnConnection<void>(JobKind::Once, &PgMigrator::apply);
}

int PostgresStore::close(int timeoutMs)
{
    return m_worker->close(timeoutMs);
}

int PostgresStore::queuedJobs() const
{
    return m_worker->queuedJobs();
}

QFuture<void> PostgresStore::upsertMitra(const QString &id, const QString &displayName)
{
    return m_worker->submitBatchable(
        [id, displayName](PgTransaction &tx) { tx.exec(kUpsertMitra, id, displayName); }, {});
}

QFuture<void> PostgresStore::upsertCustomer(const QString &id, const QString &displayName)
{
    return m_worker->submitBatchable(
        [id, displayName](PgTransaction &tx) { tx.exec(kUpsertCustomer, id, displayName); }, {});
}

QFuture<void> PostgresStore::recordOnline(const QString &mitraId, qint64 onlineAtMs)
{
    return m_worker->submitBatchable(
        [mitraId, onlineAtMs, instance = m_config.instanceId](PgTransaction &tx) {
            tx.exec(pgsql::kEnsureMitra, mitraId);
            tx.exec(kRecordOnline, mitraId, onlineAtMs, instance);
        },
        {});
}

QFuture<void> PostgresStore::recordOffline(const QString &mitraId, qint64 onlineAtMs,
                                           qint64 offlineAtMs, const QString &reason)
{
    return m_worker->submitBatchable(
        [mitraId, onlineAtMs, offlineAtMs, reason, instance = m_config.instanceId](
            PgTransaction &tx) {
            tx.exec(pgsql::kEnsureMitra, mitraId);
            tx.exec(kRecordOffline, mitraId, onlineAtMs, offlineAtMs, reason, instance);
        },
        {});
}

QFuture<QList<PresenceInterval>> PostgresStore::presenceIntervals(const QString &mitraId,
                                                                  qint64 fromMs, qint64 toMs)
{
    return m_worker->submit<QList<PresenceInterval>>(
        JobKind::Read, [mitraId, fromMs, toMs](PgTransaction &tx) {
            return toIntervals(tx.exec(kPresenceIntervals, mitraId, fromMs, toMs));
        });
}

QFuture<QList<PresenceInterval>> PostgresStore::openIntervals()
{
    return m_worker->submit<QList<PresenceInterval>>(
        JobKind::Read, [](PgTransaction &tx) { return toIntervals(tx.exec(kOpenIntervals)); });
}

} // namespace hb
