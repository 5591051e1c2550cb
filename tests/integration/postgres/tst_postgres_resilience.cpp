// PostgresStore when PostgreSQL is unreachable, restarts or crashes, and when the store is
// destroyed with work queued.
#include "FutureWait.h"
#include "common/FreePort.h"
#include "postgres/PostgresServer.h"
#include "store/postgres/PostgresStore.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <memory>

using hb::PostgresConfig;
using hb::PostgresStore;
using hb::test::failureOf;
using hb::test::waitForFuture;

class TestPostgresResilience : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void unreachableServerFailsOpenWithOneLine();
    void silentServerFailsOpenWithinTimeout();
    void writesQueuedAcrossRestartAllLand_data();
    void writesQueuedAcrossRestartAllLand();
    void readsFailAfterBoundedRetries();
    void destroyedStoreFinishesQueuedWrites();
    void closeBoundAbandonsWritesThatCannotLand();

private:
    std::unique_ptr<PostgresStore> openStore();
    qint64 presenceRows();

    hb::test::PostgresServer m_server;
    QString m_db;
    int m_databases = 0;
};

void TestPostgresResilience::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

// Each test starts with a running server and an empty database of its own.
void TestPostgresResilience::init()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_db = QStringLiteral("resilience_%1").arg(++m_databases);
    QVERIFY2(m_server.createDatabase(m_db, &error), qPrintable(error));
}

std::unique_ptr<PostgresStore> TestPostgresResilience::openStore()
{
    auto store = std::make_unique<PostgresStore>(
        PostgresConfig{m_server.url(m_db), QStringLiteral("test"), 2});
    const QFuture<void> opened = store->open();
    if (!waitForFuture(opened) || !failureOf(opened).isEmpty())
        qFatal("open failed: %s", qPrintable(failureOf(opened)));
    return store;
}

qint64 TestPostgresResilience::presenceRows()
{
    return m_server.query(m_db, QStringLiteral("SELECT count(*) FROM presence_intervals"))
        .value(0)
        .value(0)
        .toLongLong();
}

void TestPostgresResilience::unreachableServerFailsOpenWithOneLine()
{
    const quint16 port = hb::test::freeLoopbackPort(); // nothing listens there
    PostgresStore store(PostgresConfig{
        QStringLiteral("postgresql://postgres:s3cret@127.0.0.1:%1/halobestie").arg(port),
        QStringLiteral("test"), 2});
    QElapsedTimer clock;
    clock.start();
    const QFuture<void> opened = store.open();
    QVERIFY(waitForFuture(opened, 10000));
    QVERIFY(clock.elapsed() < 5000);

    const QString failure = failureOf(opened);
    const QString prefix =
        QStringLiteral("cannot connect to PostgreSQL at postgresql://postgres:***@127.0.0.1:%1/"
                       "halobestie: ")
            .arg(port);
    QVERIFY2(failure.startsWith(prefix), qPrintable(failure));
    QVERIFY2(failure.size() > prefix.size(), "libpq's reason is missing");
    QVERIFY(!failure.contains(QLatin1Char('\n')));
    QVERIFY(!failure.contains(QLatin1String("s3cret")));
}

void TestPostgresResilience::silentServerFailsOpenWithinTimeout()
{
    // Accepts TCP connections and never says a word: only connect_timeout ends the wait.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    PostgresStore store(PostgresConfig{
        QStringLiteral("postgresql://postgres@127.0.0.1:%1/halobestie").arg(silent.serverPort()),
        QStringLiteral("test"), 2});
    QElapsedTimer clock;
    clock.start();
    const QFuture<void> opened = store.open();
    QVERIFY(waitForFuture(opened, 15000));
    QVERIFY2(clock.elapsed() < 8000, qPrintable(QString::number(clock.elapsed())));
    const QString failure = failureOf(opened);
    QVERIFY2(failure.startsWith(QLatin1String("cannot connect to PostgreSQL at ")),
             qPrintable(failure));
}

void TestPostgresResilience::writesQueuedAcrossRestartAllLand_data()
{
    QTest::addColumn<bool>("crash");
    QTest::newRow("fast shutdown") << false;
    QTest::newRow("SIGKILL") << true;
}

void TestPostgresResilience::writesQueuedAcrossRestartAllLand()
{
    QFETCH(bool, crash);
    auto store = openStore();
    QSignalSpy lost(store.get(), &PostgresStore::connectionLost);
    QSignalSpy restored(store.get(), &PostgresStore::connectionRestored);

    // The event loop must keep running while the worker is blocked reconnecting.
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start();

    if (crash) {
        // The fixture runs with synchronous_commit=off, so a crash may lose the last few hundred
        // ms of commits, here the migration. Make them durable first: the test is about the
        // writes queued after the crash.
        m_server.query(m_db, QStringLiteral("CHECKPOINT"));
        m_server.kill();
    } else
        m_server.stop();

    constexpr int kWrites = 50;
    QList<QFuture<void>> writes;
    for (int i = 0; i < kWrites; ++i) {
        writes.append(i % 2 ? store->recordOffline(QStringLiteral("m%1").arg(i), 1000 + i, 2000 + i,
                                                   QStringLiteral("manual"))
                            : store->recordOnline(QStringLiteral("m%1").arg(i), 1000 + i));
    }
    QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 15000);
    QVERIFY(!lost.at(0).at(0).toString().isEmpty());
    QVERIFY(store->queuedJobs() > 0);
    const int ticksAtLoss = ticks;
    QTRY_VERIFY_WITH_TIMEOUT(ticks >= ticksAtLoss + 20, 5000);
    QVERIFY(store->queuedJobs() > 0); // still waiting for the server, and nothing was dropped

    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    for (const QFuture<void> &write : writes) {
        QVERIFY(waitForFuture(write, 30000));
        QCOMPARE(failureOf(write), QString());
    }
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 5000);
    QCOMPARE(lost.size(), 1);
    QTRY_COMPARE(store->queuedJobs(), 0); // the count drops just after the future finishes
    QCOMPARE(presenceRows(), qint64(kWrites));
}

void TestPostgresResilience::readsFailAfterBoundedRetries()
{
    auto store = openStore();
    m_server.stop();
    QElapsedTimer clock;
    clock.start();
    const auto read = store->openIntervals();
    QVERIFY(waitForFuture(read, 30000));
    const QString failure = failureOf(read);
    QVERIFY2(failure.contains(QLatin1String("PostgreSQL at postgresql://postgres@127.0.0.1:")),
             qPrintable(failure));
    QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));

    // The store is still usable once the server is back.
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    const auto again = store->openIntervals();
    QVERIFY(waitForFuture(again, 30000));
    QCOMPARE(failureOf(again), QString());
}

void TestPostgresResilience::destroyedStoreFinishesQueuedWrites()
{
    constexpr int kWrites = 300;
    QList<QFuture<void>> writes;
    {
        auto store = openStore();
        for (int i = 0; i < kWrites; ++i)
            writes.append(store->recordOnline(QStringLiteral("m%1").arg(i), i));
    } // the destructor waits for the queue (bounded)
    for (const QFuture<void> &write : writes) {
        QVERIFY(write.isFinished());
        QCOMPARE(failureOf(write), QString());
    }
    QCOMPARE(presenceRows(), qint64(kWrites));
}

void TestPostgresResilience::closeBoundAbandonsWritesThatCannotLand()
{
    auto store = openStore();
    m_server.stop();
    const QList<QFuture<void>> writes{store->recordOnline(QStringLiteral("a"), 1),
                                      store->recordOnline(QStringLiteral("b"), 2),
                                      store->recordOnline(QStringLiteral("c"), 3)};
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(store->close(300), 3);
    QVERIFY2(clock.elapsed() < 300 + 2000 + 1000, qPrintable(QString::number(clock.elapsed())));
    for (const QFuture<void> &write : writes) {
        QVERIFY(write.isFinished());
        QVERIFY(failureOf(write).contains(QLatin1String("closed")));
    }
    // Closed means closed: new work fails at once instead of queueing forever.
    const QFuture<void> late = store->upsertMitra(QStringLiteral("x"), QStringLiteral("X"));
    QVERIFY(late.isFinished());
    QVERIFY(!failureOf(late).isEmpty());
    QCOMPARE(store->queuedJobs(), 0);
}

QTEST_GUILESS_MAIN(TestPostgresResilience)
#include "tst_postgres_resilience.moc"
