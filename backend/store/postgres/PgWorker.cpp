#include "PgWorker.h"

#include "PgConnInfo.h"
#include "PgConnection.h"
#include "PgTransaction.h"

#include <QDeadlineTimer>
#include <QThread>
#include <algorithm>
#include <chrono>

namespace hb {

Q_LOGGING_CATEGORY(lcPostgres, "hb.store.postgres")

namespace {

constexpr int kFirstBackoffMs = 200;
constexpr int kMaxBackoffMs = 5000;
// A read gives up after this many failed connection attempts (about 1.4 s of backoff plus the
// connect timeouts): its caller is waiting for an answer, better an error than a hang.
constexpr int kReadAttempts = 4;
constexpr int kDestructorCloseMs = 10000;

// SQLSTATEs that mean "this session is gone", which libpqxx reports as sql_error rather than
// broken_connection when the server said so before closing: class 08 (connection exception)
// and 57P01..57P03 (admin shutdown, crash shutdown, cannot connect now).
bool isConnectionState(const std::string &sqlstate)
{
    return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
           sqlstate == "57P03";
}

// SQLSTATEs whose documented remedy is to run the transaction again: serialization_failure and
// deadlock_detected. Concurrent upserts from several instances can meet them.
bool isRetryableState(const std::string &sqlstate)
{
    return sqlstate == "40001" || sqlstate == "40P01";
}

// What a broken_connection means, in one line. libpqxx 6.4 reports a connection that died
// while idle (server restart, network) only as "Could not obtain client encoding: not
// connected." when the next transaction starts, which tells an operator nothing.
QString describeBreak(const char *what)
{
    const QString text = pgconninfo::oneLine(what);
    if (text.contains(QLatin1String("not connected")))
        return QStringLiteral("the connection was closed while idle (server restart or network)");
    return text;
}

} // namespace

PgWorker::PgWorker(QString conninfo, QString displayUrl, QObject *parent)
    : QObject(parent), m_conninfo(conninfo.toStdString()), m_displayUrl(std::move(displayUrl)),
      m_backoffMs(kFirstBackoffMs)
{
    m_thread.reset(QThread::create([this] { threadMain(); }));
    m_thread->setObjectName(QStringLiteral("hb-postgres"));
    m_thread->start();
}

PgWorker::~PgWorker()
{
    close(kDestructorCloseMs);
}

void PgWorker::inTransaction(PgConnection &connection,
                             const std::function<void(PgTransaction &)> &body)
{
    connection.transact(body);
}

int PgWorker::queuedJobs() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_queue.size()) + m_running;
}

void PgWorker::enqueue(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_closing) {
            m_queue.push_back(std::move(job));
            m_wake.notify_all();
            return;
        }
    }
    job.fail(QStringLiteral("PostgresStore is closed"));
}

int PgWorker::close(int timeoutMs)
{
    if (!m_thread)
        return 0;
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_wake.notify_all();
    if (!m_thread->wait(QDeadlineTimer(timeoutMs))) {
        {
            std::lock_guard lock(m_mutex);
            m_abandon = true;
        }
        m_wake.notify_all();
        // Backoff waits end at once; a libpq call in progress ends within its connect timeout
        // (or when the server answers), so this wait is bounded too.
        m_thread->wait();
    }
    m_thread.reset();

    std::deque<Job> left;
    int abandoned = 0;
    {
        std::lock_guard lock(m_mutex);
        left.swap(m_queue);
        abandoned = m_abandoned + static_cast<int>(left.size());
    }
    for (Job &job : left)
        job.fail(QStringLiteral("PostgresStore closed before this job ran"));
    if (abandoned > 0) {
        qCWarning(lcPostgres, "%d database job(s) not applied within %d ms of closing; lost",
                  abandoned, timeoutMs);
    }
    return abandoned;
}

QFuture<void> PgWorker::submitBatchable(std::function<void(PgTransaction &)> body,
                                        QList<AdvisoryLock> locks)
{
    auto promise = std::make_shared<QPromise<void>>();
    QFuture<void> future = promise->future();
    promise->start();

    Job job;
    job.kind = JobKind::Write;
    job.batchBody = std::move(body);
    job.succeed = [promise] { promise->finish(); };
    job.run = [body = job.batchBody, succeed = job.succeed](PgConnection &connection) {
        inTransaction(connection, body);
        succeed();
    };
    job.fail = [promise](const QString &message) {
        promise->setException(PostgresError(message));
        promise->finish();
    };
    job.locks = std::move(locks);
    enqueue(std::move(job));
    return future;
}

void PgWorker::threadMain()
{
    for (;;) {
        std::vector<Job> jobs;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_closing; });
            if (m_queue.empty() || m_abandon)
                break;
            // A batchable write takes the batchable writes right behind it along.
            do {
                jobs.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            } while (jobs.front().batchBody && jobs.size() < std::size_t(kMaxBatch) &&
                     !m_queue.empty() && m_queue.front().batchBody);
            m_running = int(jobs.size());
        }
        if (jobs.size() == 1)
            execute(jobs.front());
        else
            executeBatch(jobs);
        std::lock_guard lock(m_mutex);
        m_running = 0;
    }
    // The connection belongs to this thread: close it here, not in the destructor.
    m_connection.reset();
}

void PgWorker::execute(Job &job)
{
    for (int attempts = 1;; ++attempts) {
        bool finished = false;
        const QString connectionProblem = runOnce(job, &finished);
        if (finished)
            return;
        if (job.kind == JobKind::Once || (job.kind == JobKind::Read && attempts >= kReadAttempts)) {
            job.fail(connectionProblem);
            return;
        }
        qCDebug(lcPostgres, "retrying in %d ms: %s", m_backoffMs,
                qUtf8Printable(connectionProblem));
        if (!waitBeforeRetry()) {
            job.fail(QStringLiteral("PostgresStore closed before this job could run: ") +
                     connectionProblem);
            if (!job.isBatch) {
                std::lock_guard lock(m_mutex);
                ++m_abandoned;
            }
            return;
        }
    }
}

void PgWorker::executeBatch(std::vector<Job> &jobs)
{
    QList<AdvisoryLock> locks;
    for (const Job &job : jobs)
        locks += job.locks;
    std::sort(locks.begin(), locks.end());
    locks.erase(std::unique(locks.begin(), locks.end()), locks.end());
    QString classes, keys;
    for (const AdvisoryLock &l : std::as_const(locks)) {
        classes += (classes.isEmpty() ? QString() : QStringLiteral(",")) +
                   QString::number(l.lockClass);
        QString key = l.key;
        key.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        key.replace(QLatin1Char('"'), QLatin1String("\\\""));
        keys += (keys.isEmpty() ? QString() : QStringLiteral(",")) + QLatin1Char('"') + key +
                QLatin1Char('"');
    }
    classes = QLatin1Char('{') + classes + QLatin1Char('}');
    keys = QLatin1Char('{') + keys + QLatin1Char('}');

    bool failed = false;
    QString failure;
    Job batch;
    batch.kind = JobKind::Write;
    batch.isBatch = true;
    batch.run = [&](PgConnection &connection) {
        inTransaction(connection, [&](PgTransaction &tx) {
            // unnest() yields the arrays in order, so the locks are taken in the sorted order.
            if (!locks.isEmpty())
                tx.exec("SELECT pg_advisory_xact_lock(c, hashtext(k)) "
                        "FROM unnest($1::integer[], $2::text[]) AS l(c, k)",
                        classes, keys);
            for (Job &job : jobs)
                job.batchBody(tx);
        });
    };
    batch.fail = [&](const QString &message) {
        failed = true;
        failure = message;
    };
    execute(batch);
    if (!failed) {
        for (Job &job : jobs)
            job.succeed();
        return;
    }
    bool abandoned = false;
    {
        std::lock_guard lock(m_mutex);
        abandoned = m_abandon;
        if (abandoned)
            m_abandoned += int(jobs.size());
    }
    if (abandoned) {
        // Closing gave up on the batch: the same for each of its jobs, without trying again
        // (and outside the lock: a failed future may run code that submits more work).
        for (Job &job : jobs)
            job.fail(failure);
        return;
    }
    // One of them cannot be written (or the worker is closing): each on its own, so only the
    // faulty one fails.
    for (Job &job : jobs)
        execute(job);
}

// A job PostgreSQL refused for a reason a retry cannot fix. A write is said out loud: callers
// of the record* calls do not wait for their futures, so without this line the write would be
// dropped without a word. (A batch's failure is not: its jobs run again one by one.)
void PgWorker::failForGood(Job &job, const QString &message)
{
    if (job.kind == JobKind::Write && !job.isBatch)
        qCWarning(lcPostgres, "a write was refused and is not retried: %s", qUtf8Printable(message));
    job.fail(message);
}

// Runs the job once. Sets *finished when the job is done (succeeded, or failed for a reason a
// retry cannot fix); otherwise returns why it should run again (mostly: the connection broke).
QString PgWorker::runOnce(Job &job, bool *finished)
{
    if (!m_connection) {
        const QString problem = connect();
        if (!problem.isEmpty())
            return problem;
    }
    QString problem;
    try {
        job.run(*m_connection);
        *finished = true;
        return {};
    } catch (const pqxx::in_doubt_error &e) {
        // COMMIT was sent and the connection broke: it may or may not have happened. Jobs are
        // idempotent, so running the job again on a new connection settles it.
        problem = QStringLiteral("connection lost during commit: ") + pgconninfo::oneLine(e.what());
    } catch (const pqxx::broken_connection &e) {
        problem = QStringLiteral("lost connection to PostgreSQL at ") + m_displayUrl +
                  QStringLiteral(": ") + describeBreak(e.what());
    } catch (const pqxx::sql_error &e) {
        if (isRetryableState(e.sqlstate()) && m_connection->raw().is_open()) {
            // The transaction lost a race, the connection is fine: run it again as it is.
            return QStringLiteral("transaction to retry: ") + pgconninfo::oneLine(e.what());
        }
        if (!isConnectionState(e.sqlstate()) && m_connection->raw().is_open()) {
            failForGood(job, pgconninfo::oneLine(e.what()));
            *finished = true;
            return {};
        }
        problem = QStringLiteral("lost connection to PostgreSQL at ") + m_displayUrl +
                  QStringLiteral(": ") + pgconninfo::oneLine(e.what());
    } catch (const std::exception &e) {
        if (m_connection->raw().is_open()) {
            failForGood(job, pgconninfo::oneLine(e.what()));
            *finished = true;
            return {};
        }
        problem = QStringLiteral("lost connection to PostgreSQL at ") + m_displayUrl +
                  QStringLiteral(": ") + pgconninfo::oneLine(e.what());
    } catch (...) {
        failForGood(job, QStringLiteral("unknown error in a database job"));
        *finished = true;
        return {};
    }
    m_connection.reset();
    markDown(problem);
    return problem;
}

QString PgWorker::connect()
{
    try {
        m_connection = std::make_unique<PgConnection>(m_conninfo);
    } catch (const std::exception &e) {
        m_connection.reset();
        const QString problem = QStringLiteral("cannot connect to PostgreSQL at ") + m_displayUrl +
                                QStringLiteral(": ") + pgconninfo::oneLine(e.what());
        markDown(problem);
        return problem;
    }
    markUp();
    return {};
}

bool PgWorker::waitBeforeRetry()
{
    std::unique_lock lock(m_mutex);
    const bool abandoned =
        m_wake.wait_for(lock, std::chrono::milliseconds(m_backoffMs), [this] { return m_abandon; });
    m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
    return !abandoned;
}

void PgWorker::markUp()
{
    m_backoffMs = kFirstBackoffMs;
    const bool restored = m_link == LinkState::Down;
    m_link = LinkState::Up;
    if (restored) {
        qCInfo(lcPostgres, "connection to PostgreSQL at %s restored", qUtf8Printable(m_displayUrl));
        QMetaObject::invokeMethod(
            this, [this] { emit connectionRestored(); }, Qt::QueuedConnection);
    }
}

// Only a connection that worked and broke is "lost": a first connect that fails is reported by
// the job (open() fails), not as an outage.
void PgWorker::markDown(const QString &reason)
{
    if (m_link != LinkState::Up)
        return;
    m_link = LinkState::Down;
    qCWarning(lcPostgres, "%s; reconnecting", qUtf8Printable(reason));
    QMetaObject::invokeMethod(
        this, [this, reason] { emit connectionLost(reason); }, Qt::QueuedConnection);
}

} // namespace hb
