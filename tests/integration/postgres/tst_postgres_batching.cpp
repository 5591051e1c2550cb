// Group commit in PostgresStore (PgWorker::submitBatchable): durable-log writes queued behind
// one another share a transaction; one that cannot be written fails alone; and batches of two
// instances that touch the same requests in opposite orders neither deadlock nor fail.
#include "FutureWait.h"
#include "postgres/PostgresServer.h"
#include "store/postgres/PostgresStore.h"

#include <QTest>
#include <memory>

using hb::PostgresConfig;
using hb::PostgresStore;
using hb::RequestRecord;
using hb::test::failureOf;
using hb::test::waitForFuture;

namespace {

constexpr qint64 kT = 1712345678901;

template <class T> bool waitAll(const QList<QFuture<T>> &futures, int timeoutMs = 60000)
{
    for (const QFuture<T> &f : futures)
        if (!waitForFuture(f, timeoutMs))
            return false;
    return true;
}

} // namespace

class TestPostgresBatching : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void queuedWritesShareTransactions()
    {
        auto store = openFreshStore();
        constexpr int kWrites = 300;
        QList<QFuture<void>> writes;
        for (int i = 0; i < kWrites; ++i)
            writes << store->recordOnline(QStringLiteral("m-%1").arg(i), kT + i);
        QVERIFY(waitAll(writes));
        for (const auto &w : writes)
            QCOMPARE(failureOf(w), QString());
        // Rows written by one transaction carry its id (xmin).
        const auto rows = m_server.query(
            m_database, QStringLiteral("SELECT count(*), count(DISTINCT xmin::text) FROM "
                                       "presence_intervals"));
        QCOMPARE(rows.value(0).value(0).toInt(), kWrites);
        const int transactions = rows.value(0).value(1).toInt();
        QVERIFY2(transactions < kWrites / 2,
                 qPrintable(QStringLiteral("%1 transactions for %2 queued writes")
                                .arg(transactions)
                                .arg(kWrites)));
    }

    void aFaultyWriteFailsAloneInItsBatch()
    {
        auto store = openFreshStore();
        QList<QFuture<void>> good;
        for (int i = 0; i < 20; ++i)
            good << store->recordOnline(QStringLiteral("a-%1").arg(i), kT + i);
        // Offline before online breaks a CHECK constraint: a write that can never succeed.
        const QFuture<void> bad =
            store->recordOffline(QStringLiteral("bad"), kT + 2000, kT + 1000, QStringLiteral("manual"));
        for (int i = 0; i < 20; ++i)
            good << store->recordOnline(QStringLiteral("b-%1").arg(i), kT + i);
        QVERIFY(waitAll(good));
        QVERIFY(waitForFuture(bad));
        QVERIFY2(failureOf(bad).contains(QLatin1String("presence_intervals_ordered")),
                 qPrintable(failureOf(bad)));
        for (const auto &w : good)
            QCOMPARE(failureOf(w), QString());
        const auto rows = m_server.query(
            m_database, QStringLiteral("SELECT count(*), count(*) FILTER (WHERE mitra_id = "
                                       "'bad') FROM presence_intervals"));
        QCOMPARE(rows.value(0).value(0).toInt(), 40);
        QCOMPARE(rows.value(0).value(1).toInt(), 0);
    }

    void twoInstancesWritingTheSameRequestsInOppositeOrders()
    {
        // Each store is one instance's connection. Their batches lock the same requests; taken
        // in one order up front, the locks cannot form a cycle (a deadlock would cost a second
        // each and show as retries, or as failures if it kept happening).
        auto a = openFreshStore(QStringLiteral("a"));
        PostgresStore b(PostgresConfig{m_server.url(m_database), QStringLiteral("b"), 5});
        QVERIFY(waitForFuture(b.open()));
        constexpr int kRequests = 60;
        QList<RequestRecord> requests;
        for (int i = 0; i < kRequests; ++i)
            requests << RequestRecord{QStringLiteral("r-%1").arg(i), QStringLiteral("c-%1").arg(i),
                                      QStringLiteral("C"), QStringLiteral("broadcast"), kT,
                                      kT + 60000};
        QList<QFuture<void>> writes;
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < kRequests; ++i) {
                writes << a->recordOffers(requests.at(i), {QStringLiteral("m-a%1").arg(round)},
                                          kT + 10 + round);
                writes << b.recordOffers(requests.at(kRequests - 1 - i),
                                         {QStringLiteral("m-b%1").arg(round)}, kT + 20 + round);
            }
        }
        QElapsedTimer clock;
        clock.start();
        QVERIFY(waitAll(writes));
        for (const auto &w : writes)
            QCOMPARE(failureOf(w), QString());
        const auto rows = m_server.query(
            m_database, QStringLiteral("SELECT count(*) FROM request_offers"));
        QCOMPARE(rows.value(0).value(0).toInt(), kRequests * 6);
        // PostgreSQL logs every deadlock it breaks (and the writes were then retried).
        QVERIFY2(!m_server.serverLog().contains(QLatin1String("deadlock detected")),
                 "the batches deadlocked");
        qInfo("%lld writes from two connections in %lld ms", qlonglong(writes.size()),
              qlonglong(clock.elapsed()));
    }

private:
    std::unique_ptr<PostgresStore> openFreshStore(const QString &instanceId = QStringLiteral("i1"))
    {
        m_database = QStringLiteral("batching_%1").arg(++m_databases);
        QString error;
        if (!m_server.createDatabase(m_database, &error))
            qFatal("%s", qPrintable(error));
        auto store = std::make_unique<PostgresStore>(
            PostgresConfig{m_server.url(m_database), instanceId, 5});
        const QFuture<void> opened = store->open();
        if (!waitForFuture(opened) || !failureOf(opened).isEmpty())
            qFatal("open failed: %s", qPrintable(failureOf(opened)));
        return store;
    }

    hb::test::PostgresServer m_server;
    QString m_database;
    int m_databases = 0;
};

QTEST_GUILESS_MAIN(TestPostgresBatching)
#include "tst_postgres_batching.moc"
