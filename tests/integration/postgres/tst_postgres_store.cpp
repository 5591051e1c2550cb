// PostgresStore against a real PostgreSQL server: migrations, upserts and the presence log.
#include "FutureWait.h"
#include "postgres/PostgresServer.h"
#include "store/postgres/PostgresStore.h"

#include <QElapsedTimer>
#include <QTest>
#include <memory>

using hb::PostgresConfig;
using hb::PostgresStore;
using hb::PresenceInterval;
using hb::test::failureOf;
using hb::test::waitForFuture;

class TestPostgresStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void migrationsApplyOnceAndReopen();
    void concurrentOpenOnFreshDatabase();
    void newerDatabaseIsAccepted();
    void upsertMitraAndCustomer();
    void onlineAndOfflineInBothOrders_data();
    void onlineAndOfflineInBothOrders();
    void repeatsAreHarmless();
    void millisecondsRoundTripExactly_data();
    void millisecondsRoundTripExactly();
    void rangeFiltering();
    void constraintViolationFailsWithoutRetry();

private:
    // A store opened on a fresh database of its own.
    std::unique_ptr<PostgresStore> openFreshStore(const QString &instanceId = QStringLiteral("i1"));
    QString freshDatabase();

    hb::test::PostgresServer m_server;
    int m_databases = 0;
    QString m_lastDatabase;
};

void TestPostgresStore::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

QString TestPostgresStore::freshDatabase()
{
    const QString name = QStringLiteral("store_%1").arg(++m_databases);
    QString error;
    if (!m_server.createDatabase(name, &error))
        qFatal("%s", qPrintable(error));
    m_lastDatabase = name;
    return name;
}

std::unique_ptr<PostgresStore> TestPostgresStore::openFreshStore(const QString &instanceId)
{
    auto store = std::make_unique<PostgresStore>(
        PostgresConfig{m_server.url(freshDatabase()), instanceId, 5});
    const QFuture<void> opened = store->open();
    if (!waitForFuture(opened) || !failureOf(opened).isEmpty())
        qFatal("open failed: %s", qPrintable(failureOf(opened)));
    return store;
}

void TestPostgresStore::migrationsApplyOnceAndReopen()
{
    const QString db = freshDatabase();
    for (int round = 0; round < 2; ++round) {
        PostgresStore store(PostgresConfig{m_server.url(db), QStringLiteral("i1"), 5});
        const QFuture<void> first = store.open();
        const QFuture<void> again = store.open(); // a second open on the same store is harmless
        QVERIFY(waitForFuture(first) && waitForFuture(again));
        QCOMPARE(failureOf(first), QString());
        QCOMPARE(failureOf(again), QString());
    }
    QCOMPARE(m_server.query(db, QStringLiteral("SELECT version, name FROM schema_migrations "
                                               "ORDER BY version")),
             (QList<QStringList>{{QStringLiteral("1"), QStringLiteral("0001_initial")},
                                 {QStringLiteral("2"), QStringLiteral("0002_pairing")},
                                 {QStringLiteral("3"), QStringLiteral("0003_staff")},
                                 {QStringLiteral("4"), QStringLiteral("0004_audit_paging")},
                                 {QStringLiteral("5"), QStringLiteral("0005_outbox_dead_letters")}}));
    QCOMPARE(m_server.query(db, QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename IN "
                                               "('mitras', 'customers', 'presence_intervals', "
                                               "'settings')")),
             (QList<QStringList>{{QStringLiteral("4")}}));
}

void TestPostgresStore::concurrentOpenOnFreshDatabase()
{
    const QString db = freshDatabase();
    std::vector<std::unique_ptr<PostgresStore>> stores;
    QList<QFuture<void>> opens;
    for (int i = 0; i < 4; ++i) {
        stores.push_back(std::make_unique<PostgresStore>(
            PostgresConfig{m_server.url(db), QStringLiteral("i%1").arg(i), 5}));
    }
    for (const auto &store : stores)
        opens.append(store->open());
    for (const QFuture<void> &open : opens) {
        QVERIFY(waitForFuture(open));
        QCOMPARE(failureOf(open), QString());
    }
    QCOMPARE(m_server.query(db, QStringLiteral("SELECT version, count(*) FROM schema_migrations "
                                               "GROUP BY version ORDER BY version")),
             (QList<QStringList>{{QStringLiteral("1"), QStringLiteral("1")},
                                 {QStringLiteral("2"), QStringLiteral("1")},
                                 {QStringLiteral("3"), QStringLiteral("1")},
                                 {QStringLiteral("4"), QStringLiteral("1")},
                                 {QStringLiteral("5"), QStringLiteral("1")}}));
}

void TestPostgresStore::newerDatabaseIsAccepted()
{
    auto store = openFreshStore();
    m_server.query(m_lastDatabase, QStringLiteral("INSERT INTO schema_migrations (version, name) "
                                                  "VALUES (9999, '9999_from_the_future')"));
    PostgresStore older(PostgresConfig{m_server.url(m_lastDatabase), QStringLiteral("i2"), 5});
    const QFuture<void> opened = older.open(); // logs a warning, then works
    QVERIFY(waitForFuture(opened));
    QCOMPARE(failureOf(opened), QString());
    const QFuture<void> write = older.upsertMitra(QStringLiteral("m"), QStringLiteral("M"));
    QVERIFY(waitForFuture(write));
    QCOMPARE(failureOf(write), QString());
}

void TestPostgresStore::upsertMitraAndCustomer()
{
    auto store = openFreshStore();
    const QString db = m_lastDatabase;
    QList<QFuture<void>> writes{
        store->upsertMitra(QStringLiteral("m1"), QStringLiteral("Ayu")),
        store->upsertMitra(QStringLiteral("m2"), QStringLiteral("Bima")),
        store->upsertMitra(QStringLiteral("m1"), QStringLiteral("Ayu Lestari")),
        store->upsertCustomer(QStringLiteral("c1"), QStringLiteral("Citra")),
        store->upsertCustomer(QStringLiteral("c1"), QStringLiteral("Citra \u00e9\u2603")),
    };
    for (const QFuture<void> &write : writes) {
        QVERIFY(waitForFuture(write));
        QCOMPARE(failureOf(write), QString());
    }
    QCOMPARE(m_server.query(db, QStringLiteral("SELECT id, display_name, max_customers IS NULL, "
                                               "weight FROM mitras ORDER BY id")),
             (QList<QStringList>{{QStringLiteral("m1"), QStringLiteral("Ayu Lestari"),
                                  QStringLiteral("t"), QStringLiteral("1")},
                                 {QStringLiteral("m2"), QStringLiteral("Bima"), QStringLiteral("t"),
                                  QStringLiteral("1")}}));
    QCOMPARE(m_server.query(db, QStringLiteral("SELECT id, display_name FROM customers")),
             (QList<QStringList>{{QStringLiteral("c1"), QStringLiteral("Citra \u00e9\u2603")}}));
}

void TestPostgresStore::onlineAndOfflineInBothOrders_data()
{
    QTest::addColumn<bool>("offlineFirst");
    QTest::newRow("online then offline") << false;
    QTest::newRow("offline then online") << true;
}

void TestPostgresStore::onlineAndOfflineInBothOrders()
{
    QFETCH(bool, offlineFirst);
    // Two instances log the two ends, as when a mitra reconnects elsewhere before going offline.
    auto opener = openFreshStore(QStringLiteral("instance-a"));
    PostgresStore closer(
        PostgresConfig{m_server.url(m_lastDatabase), QStringLiteral("instance-b"), 5});
    const qint64 online = 1712345678901;
    const qint64 offline = 1712349999997;
    const QString mitra = QStringLiteral("m-both");

    QFuture<void> first;
    QFuture<void> second;
    if (offlineFirst) {
        first = closer.recordOffline(mitra, online, offline, QStringLiteral("heartbeat_timeout"));
        QVERIFY(waitForFuture(first));
        second = opener->recordOnline(mitra, online);
    } else {
        first = opener->recordOnline(mitra, online);
        QVERIFY(waitForFuture(first));
        second = closer.recordOffline(mitra, online, offline, QStringLiteral("heartbeat_timeout"));
    }
    QVERIFY(waitForFuture(second));
    QCOMPARE(failureOf(first), QString());
    QCOMPARE(failureOf(second), QString());

    const auto read = opener->presenceIntervals(mitra, 0, offline * 2);
    QVERIFY(waitForFuture(read));
    const QList<PresenceInterval> intervals = read.result();
    QCOMPARE(intervals.size(), 1);
    QCOMPARE(intervals[0].mitraId, mitra);
    QCOMPARE(intervals[0].onlineAtMs, online);
    QCOMPARE(intervals[0].offlineAtMs, std::optional<qint64>(offline));
    QCOMPARE(intervals[0].reason, QStringLiteral("heartbeat_timeout"));
    QCOMPARE(
        m_server.query(m_lastDatabase,
                       QStringLiteral("SELECT opened_by, closed_by, m.display_name FROM "
                                      "presence_intervals JOIN mitras m ON m.id = mitra_id")),
        (QList<QStringList>{{QStringLiteral("instance-a"), QStringLiteral("instance-b"), mitra}}));
}

void TestPostgresStore::repeatsAreHarmless()
{
    auto store = openFreshStore();
    const QString mitra = QStringLiteral("m-repeat");
    const QList<QFuture<void>> writes{
        store->recordOnline(mitra, 1000),
        store->recordOnline(mitra, 1000),
        store->recordOffline(mitra, 1000, 2000, QStringLiteral("manual")),
        store->recordOffline(mitra, 1000, 2000, QStringLiteral("manual")),
        // A late duplicate with other values must not move the first close...
        store->recordOffline(mitra, 1000, 3000, QStringLiteral("forced")),
        // ...and a late "online" must not reopen it.
        store->recordOnline(mitra, 1000),
    };
    for (const QFuture<void> &write : writes) {
        QVERIFY(waitForFuture(write));
        QCOMPARE(failureOf(write), QString());
    }
    const auto read = store->presenceIntervals(mitra, 0, 10000);
    QVERIFY(waitForFuture(read));
    QCOMPARE(read.result().size(), 1);
    QCOMPARE(read.result()[0].offlineAtMs, std::optional<qint64>(2000));
    QCOMPARE(read.result()[0].reason, QStringLiteral("manual"));
    const auto open = store->openIntervals();
    QVERIFY(waitForFuture(open));
    QVERIFY(open.result().isEmpty());
}

void TestPostgresStore::millisecondsRoundTripExactly_data()
{
    QTest::addColumn<qint64>("online");
    QTest::addColumn<qint64>("offline");
    QTest::newRow("epoch") << qint64(0) << qint64(1);
    QTest::newRow("odd now") << qint64(1712345678901) << qint64(1712345678999);
    QTest::newRow("sub-second edges") << qint64(1699999999999) << qint64(1700000000001);
    QTest::newRow("before 1970") << qint64(-1001) << qint64(-1);
    QTest::newRow("year 2100") << qint64(4102444800123) << qint64(4102444800987);
    QTest::newRow("near documented bound") << qint64(8999999999997) << qint64(8999999999999);
}

void TestPostgresStore::millisecondsRoundTripExactly()
{
    QFETCH(qint64, online);
    QFETCH(qint64, offline);
    auto store = openFreshStore();
    const QString open = QStringLiteral("m-open");
    const QString closed = QStringLiteral("m-closed");
    const QFuture<void> writeOpen = store->recordOnline(open, online);
    const QFuture<void> writeClosed =
        store->recordOffline(closed, online, offline, QStringLiteral("manual"));
    QVERIFY(waitForFuture(writeOpen) && waitForFuture(writeClosed));
    QCOMPARE(failureOf(writeClosed), QString());

    const auto openRead = store->openIntervals();
    const auto closedRead = store->presenceIntervals(closed, online, online);
    QVERIFY(waitForFuture(openRead) && waitForFuture(closedRead));
    QCOMPARE(openRead.result().size(), 1);
    QCOMPARE(openRead.result()[0].onlineAtMs, online);
    QVERIFY(openRead.result()[0].isOpen());
    QVERIFY(openRead.result()[0].reason.isEmpty());
    QCOMPARE(closedRead.result().size(), 1);
    QCOMPARE(closedRead.result()[0].onlineAtMs, online);
    QCOMPARE(closedRead.result()[0].offlineAtMs, std::optional<qint64>(offline));
    // Stored at millisecond precision, not merely read back rounded.
    QCOMPARE(m_server.query(m_lastDatabase,
                            QStringLiteral("SELECT count(*) FROM presence_intervals WHERE "
                                           "date_trunc('milliseconds', online_at) <> online_at")),
             (QList<QStringList>{{QStringLiteral("0")}}));
}

void TestPostgresStore::rangeFiltering()
{
    auto store = openFreshStore();
    const QString m = QStringLiteral("m");
    const QList<QFuture<void>> writes{
        store->recordOffline(m, 100, 200, QStringLiteral("manual")),
        store->recordOffline(m, 300, 400, QStringLiteral("heartbeat_timeout")),
        store->recordOnline(m, 500),
        store->recordOffline(QStringLiteral("other"), 0, 10000, QStringLiteral("forced")),
    };
    for (const QFuture<void> &write : writes)
        QVERIFY(waitForFuture(write));

    const auto starts = [&](qint64 from, qint64 to) {
        const auto read = store->presenceIntervals(m, from, to);
        if (!waitForFuture(read))
            return QList<qint64>{-1};
        QList<qint64> result;
        for (const PresenceInterval &interval : read.result()) {
            if (interval.mitraId != m)
                return QList<qint64>{-2};
            result.append(interval.onlineAtMs);
        }
        return result;
    };
    QCOMPARE(starts(0, 50), QList<qint64>());
    QCOMPARE(starts(150, 150), QList<qint64>({100}));
    QCOMPARE(starts(200, 300), QList<qint64>({100, 300})); // both ends inclusive
    QCOMPARE(starts(401, 499), QList<qint64>());
    QCOMPARE(starts(450, 500), QList<qint64>({500}));
    QCOMPARE(starts(100000, 200000), QList<qint64>({500})); // open intervals reach forward
    QCOMPARE(starts(0, 100000), QList<qint64>({100, 300, 500}));

    const auto open = store->openIntervals();
    QVERIFY(waitForFuture(open));
    QCOMPARE(open.result().size(), 1);
    QCOMPARE(open.result()[0].mitraId, m);
    QCOMPARE(open.result()[0].onlineAtMs, qint64(500));
}

void TestPostgresStore::constraintViolationFailsWithoutRetry()
{
    auto store = openFreshStore();
    QElapsedTimer clock;
    clock.start();
    const QFuture<void> bad =
        store->recordOffline(QStringLiteral("m"), 2000, 1000, QStringLiteral("manual"));
    QVERIFY(waitForFuture(bad, 10000));
    const QString failure = failureOf(bad);
    QVERIFY2(failure.contains(QLatin1String("presence_intervals_ordered")), qPrintable(failure));
    QVERIFY(!failure.contains(QLatin1Char('\n')));
    QVERIFY(clock.elapsed() < 5000); // not retried with backoff

    // The worker goes on with the next job.
    const QFuture<void> good =
        store->recordOffline(QStringLiteral("m"), 1000, 2000, QStringLiteral("manual"));
    QVERIFY(waitForFuture(good));
    QCOMPARE(failureOf(good), QString());
    QTRY_COMPARE(store->queuedJobs(), 0); // the count drops just after the future finishes
}

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "tst_postgres_store.moc"
