#pragma once

#include "store/postgres/PostgresError.h"

#include <QFuture>
#include <QLoggingCategory>
#include <QObject>
#include <QPromise>
#include <QString>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

class QThread;

namespace hb {

Q_DECLARE_LOGGING_CATEGORY(lcPostgres)

class PgConnection;
class PgTransaction;

// Runs database jobs, first in first out, on a thread of its own that owns one libpq connection:
// libpqxx is synchronous and must never block the Qt event loop. Results come back as QFutures
// (use .then(context, ...) to continue on the context's thread).
//
// A lost connection (also at connect) is re-established with exponential backoff and the job
// that met it runs again from the start. That is only correct because every write job is
// idempotent; it is also how a commit "in doubt" (connection lost during COMMIT) is reconciled.
// Serialization failures and deadlocks are retried the same way. Any other error (constraint,
// SQL) fails that job's future with the message, without retry.
//
// This header is private to store/postgres but free of libpqxx: jobs see PgConnection and
// PgTransaction, which only .cpp files of this folder include.
class PgWorker : public QObject
{
    Q_OBJECT

public:
    enum class JobKind {
        Write, // retried until it succeeds or the worker is closed: writes are never dropped
        Read,  // fails after a few connection attempts: a caller waits for the answer
        Once,  // one connection attempt, no retry (open(): fail fast with a clear reason)
    };

    // `conninfo` is what libpq gets; `displayUrl` is the same without password, for messages.
    PgWorker(QString conninfo, QString displayUrl, QObject *parent = nullptr);
    ~PgWorker() override;

    // A job on the raw connection, for work that spans transactions (migrations, locks).
    template <class T>
    QFuture<T> submitOnConnection(JobKind kind, std::function<T(PgConnection &)> body);

    // A job in its own transaction, committed before the future gets its result.
    template <class T> QFuture<T> submit(JobKind kind, std::function<T(PgTransaction &)> body);

    // An advisory lock a job body takes: pg_advisory_xact_lock(lockClass, hashtext(key)).
    struct AdvisoryLock
    {
        int lockClass = 0;
        QString key;
        bool operator<(const AdvisoryLock &o) const
        {
            return lockClass != o.lockClass ? lockClass < o.lockClass : key < o.key;
        }
        bool operator==(const AdvisoryLock &o) const
        {
            return lockClass == o.lockClass && key == o.key;
        }
    };

    // A write (retried like JobKind::Write) that may share one transaction with the writes
    // queued right behind it: group commit. Under load the durable log is written in batches of
    // up to kMaxBatch jobs, one BEGIN and one COMMIT (one WAL flush) for all of them, instead of
    // one each. A shared transaction first takes every advisory lock its jobs declare in
    // `locks`, all in one order, so batches of two instances cannot deadlock on them; then runs
    // the jobs in the order they were submitted. If one job fails (a bug upstream, not a lost
    // connection), the batch is rolled back and its jobs run again one by one, so only that one
    // fails.
    static constexpr int kMaxBatch = 32;
    QFuture<void> submitBatchable(std::function<void(PgTransaction &)> body,
                                  QList<AdvisoryLock> locks);

    // Jobs accepted and not finished yet (waiting or running). Callable from any thread. A job
    // leaves the count just after its future finishes.
    int queuedJobs() const;

    // Stops accepting jobs, lets the queued ones finish for up to `timeoutMs`, then abandons the
    // rest (their futures fail) and stops the thread. Returns how many jobs were abandoned.
    // Idempotent; the destructor calls it with a 10 s bound.
    int close(int timeoutMs);

signals:
    // Emitted on this object's thread, once per outage, when a working connection breaks.
    void connectionLost(const QString &reason);
    // Emitted on this object's thread when a connection is back after connectionLost.
    void connectionRestored();

private:
    struct Job
    {
        JobKind kind = JobKind::Write;
        std::function<void(PgConnection &)> run;   // fulfils the promise on success
        std::function<void(const QString &)> fail; // fails the promise with a message
        // Batchable writes only: the body alone (run = body in its own transaction, then
        // succeed), so several can share a transaction.
        std::function<void(PgTransaction &)> batchBody;
        std::function<void()> succeed;
        QList<AdvisoryLock> locks;
        bool isBatch = false; // stands for the jobs of a batch (which count themselves)
    };

    static void inTransaction(PgConnection &connection,
                              const std::function<void(PgTransaction &)> &body);

    void enqueue(Job job);
    void threadMain();
    void execute(Job &job);
    void executeBatch(std::vector<Job> &jobs);
    QString connect();
    QString runOnce(Job &job, bool *finished);
    bool waitBeforeRetry();
    void failForGood(Job &job, const QString &message);
    void markUp();
    void markDown(const QString &reason);

    const std::string m_conninfo;
    const QString m_displayUrl;

    mutable std::mutex m_mutex; // guards the members below up to m_thread
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    int m_running = 0;      // jobs running on the thread now (a batch counts each)
    bool m_closing = false; // no new jobs; the thread ends when the queue is empty
    bool m_abandon = false; // close() timed out: stop at once
    int m_abandoned = 0;    // jobs failed because of m_abandon

    std::unique_ptr<QThread> m_thread;

    // Worker-thread state.
    enum class LinkState { Unknown, Up, Down };
    std::unique_ptr<PgConnection> m_connection;
    LinkState m_link = LinkState::Unknown;
    int m_backoffMs = 0;
};

template <class T>
QFuture<T> PgWorker::submitOnConnection(JobKind kind, std::function<T(PgConnection &)> body)
{
    // std::function needs copyable callables, QPromise is move-only: share it.
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();

    Job job;
    job.kind = kind;
    job.run = [promise, body = std::move(body)](PgConnection &connection) {
        if constexpr (std::is_void_v<T>) {
            body(connection);
        } else {
            promise->addResult(body(connection));
        }
        promise->finish();
    };
    job.fail = [promise](const QString &message) {
        promise->setException(PostgresError(message));
        promise->finish();
    };
    enqueue(std::move(job));
    return future;
}

template <class T> QFuture<T> PgWorker::submit(JobKind kind, std::function<T(PgTransaction &)> body)
{
    return submitOnConnection<T>(kind, [body = std::move(body)](PgConnection &connection) -> T {
        if constexpr (std::is_void_v<T>) {
            inTransaction(connection, body);
        } else {
            // The result is handed out only after COMMIT succeeded.
            std::optional<T> result;
            inTransaction(connection,
                          [&](PgTransaction &transaction) { result.emplace(body(transaction)); });
            return std::move(*result);
        }
    });
}

} // namespace hb
