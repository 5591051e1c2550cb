#pragma once

#include "domain/PresenceInterval.h"
#include "store/postgres/PostgresConfig.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>

namespace hb {

class PgWorker;

// The backend's durable store. Every call returns at once with a QFuture; the work runs in
// order on the store's own database thread (see PgWorker), so callers on the event loop never
// block. Continue with future.then(contextObject, ...). Failed futures carry a PostgresError.
//
// Writes are idempotent and are retried across connection loss until they succeed, for as long
// as the store lives; reads fail after a few reconnection attempts.
class PostgresStore : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultCloseTimeoutMs = 10000;

    explicit PostgresStore(PostgresConfig config, QObject *parent = nullptr);
    // Lets queued writes finish (up to kDefaultCloseTimeoutMs), then stops the thread.
    ~PostgresStore() override;

    const PostgresConfig &config() const { return m_config; }

    // Connects (bounded by connectTimeoutS) and applies pending migrations. Fails with one line,
    // e.g. "cannot connect to PostgreSQL at postgresql://app:***@db/halobestie: <reason>".
    QFuture<void> open();

    // Stops accepting work, waits up to `timeoutMs` for queued jobs, abandons the rest (their
    // futures fail, the count is logged and returned). Later calls fail at once.
    int close(int timeoutMs = kDefaultCloseTimeoutMs);

    // Jobs accepted and not finished, for health checks and metrics. A job leaves the count a
    // moment after its future finishes.
    int queuedJobs() const;

    // Insert, or update display_name (and updated_at, only when it changes).
    QFuture<void> upsertMitra(const QString &id, const QString &displayName);
    QFuture<void> upsertCustomer(const QString &id, const QString &displayName);

    // The presence log, keyed by (mitraId, onlineAtMs). Both calls are idempotent and commute,
    // so instances may log the two ends of an interval in either order. An unknown mitra is
    // created with its id as display name.
    // Opens the interval; nothing changes if it exists, open or already closed.
    QFuture<void> recordOnline(const QString &mitraId, qint64 onlineAtMs);
    // Closes the interval (creating it closed if its start was never logged); a second close
    // keeps the first. `reason` is an OfflineReason string.
    QFuture<void> recordOffline(const QString &mitraId, qint64 onlineAtMs, qint64 offlineAtMs,
                                const QString &reason);

    // Intervals of `mitraId` overlapping [fromMs, toMs] (open ones reach to "now and beyond"),
    // by online time.
    QFuture<QList<PresenceInterval>> presenceIntervals(const QString &mitraId, qint64 fromMs,
                                                       qint64 toMs);
    // Every open interval, by mitra then online time (reconciliation with the live state).
    QFuture<QList<PresenceInterval>> openIntervals();

signals:
    // A working connection broke; writes are queued until it is back.
    void connectionLost(const QString &reason);
    void connectionRestored();

private:
    PostgresConfig m_config;
    PgWorker *m_worker; // child: moves threads with the store
};

} // namespace hb
