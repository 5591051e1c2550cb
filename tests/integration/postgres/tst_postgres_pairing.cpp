// PostgresStore's pairing log against a real PostgreSQL server: every write and read, repeats,
// the orders in which several instances may land their logs, first-close-wins, the
// one-session-per-request and one-current-assignment invariants, writes queued across a server
// restart, and the pairing settings.
#include "FutureWait.h"
#include "postgres/PostgresServer.h"
#include "store/postgres/PostgresStore.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <functional>
#include <memory>
#include <numeric>
#include <random>
#include <thread>

using hb::PairingSettings;
using hb::PostgresConfig;
using hb::PostgresStore;
using hb::RequestRecord;
using hb::RerouteRecord;
using hb::SessionRecord;
using hb::test::failureOf;
using hb::test::waitForFuture;

namespace {

// Realistic epoch milliseconds with odd digits, so the exact round trip is exercised too.
constexpr qint64 kT = 1712345678901;

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// One scenario's ids: every ordering gets its own request and session.
struct Ids
{
    QString request;
    QString session;
};

RequestRecord requestOf(const Ids &ids)
{
    return RequestRecord{ids.request, s("c1"), s("Citra"), s("broadcast"), kT, kT + 60000};
}

SessionRecord sessionOf(const Ids &ids, const QString &mitra = s("m1"),
                        const QString &mitraName = s("Ayu"), qint64 acceptedAt = kT + 5000)
{
    SessionRecord session;
    session.id = ids.session;
    session.requestId = ids.request;
    session.customerId = s("c1");
    session.customerName = s("Citra");
    session.mitraId = mitra;
    session.mitraName = mitraName;
    session.acceptedAtMs = acceptedAt;
    return session;
}

// A reroute of the session accepted by m1 at kT + 5000.
RerouteRecord rerouteOf(const Ids &ids, const QString &from, qint64 fromAt, const QString &to,
                        qint64 at, const QString &staff)
{
    RerouteRecord reroute;
    reroute.request = requestOf(ids);
    reroute.session = sessionOf(ids, from, QString());
    reroute.fromAssignedAtMs = fromAt;
    reroute.toMitraId = to;
    reroute.toMitraName = to == s("m2") ? s("Bima") : (to == s("m3") ? s("Candra") : QString());
    reroute.reroutedAtMs = at;
    reroute.byStaff = staff;
    return reroute;
}

using Op = std::function<QFuture<void>(PostgresStore &, const Ids &)>;

// The whole life of one request: offered to three mitras, m3 declines, m1 accepts, payment
// confirms, staff reroute twice, the session ends.
QList<Op> fullLife()
{
    return {
        [](PostgresStore &st, const Ids &ids) { return st.recordRequestCreated(requestOf(ids)); },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordOffers(requestOf(ids), {s("m1"), s("m2"), s("m3")}, kT + 2000);
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordOfferClosed(requestOf(ids), s("m3"), s("declined"), kT + 3000);
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordSessionAccepted(requestOf(ids), sessionOf(ids));
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordRequestClosed(requestOf(ids), s("matched"), QString(), kT + 5000);
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordSessionStarted(ids.session, kT + 5100);
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordReroute(
                rerouteOf(ids, s("m1"), kT + 5000, s("m2"), kT + 8000, s("staff-1")));
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordReroute(
                rerouteOf(ids, s("m2"), kT + 8000, s("m3"), kT + 9000, s("staff-2")));
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordSessionEnded(ids.session, kT + 12000, s("completed"));
        },
    };
}

const QStringList kFullLifeResult{
    s("request|matched|-|5000"),
    s("offer|m1|2000|accepted|5000"),
    s("offer|m2|2000|taken|5000"),
    s("offer|m3|2000|declined|3000"),
    s("session|ended|5000|5100|12000|completed"),
    s("assignment|m1|5000|accepted|-|8000"),
    s("assignment|m2|8000|rerouted|staff-1|9000"),
    s("assignment|m3|9000|rerouted|staff-2|12000"),
    s("pending|0"),
};

// The session's side only (indices into fullLife()): accept, start, two reroutes, end.
const QList<int> kSessionOps{3, 5, 6, 7, 8};
const QStringList kSessionResult{
    s("request|matched|-|5000"),
    // Only the winner's offer is known; its close time stands in for offered_at.
    s("offer|m1|5000|accepted|5000"),
    s("session|ended|5000|5100|12000|completed"),
    s("assignment|m1|5000|accepted|-|8000"),
    s("assignment|m2|8000|rerouted|staff-1|9000"),
    s("assignment|m3|9000|rerouted|staff-2|12000"),
    s("pending|0"),
};

// The request's side only: created, offers, a decline, the close, the acceptance.
const QList<int> kRequestOps{0, 1, 2, 4, 3};
const QStringList kRequestResult{
    s("request|matched|-|5000"),
    s("offer|m1|2000|accepted|5000"),
    s("offer|m2|2000|taken|5000"),
    s("offer|m3|2000|declined|3000"),
    s("session|awaiting_payment|5000|-|-|-"),
    s("assignment|m1|5000|accepted|-|-"),
    s("pending|0"),
};

// A request nobody takes: m1's offer expires, m3 is offered later (round robin), the request
// times out, and m2's decline arrives after that (it must not replace the earlier close).
QList<Op> failedLife()
{
    return {
        [](PostgresStore &st, const Ids &ids) { return st.recordRequestCreated(requestOf(ids)); },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordOffers(requestOf(ids), {s("m1"), s("m2")}, kT + 2000);
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordOffers(requestOf(ids), {s("m3")}, kT + 20000);
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordOfferClosed(requestOf(ids), s("m1"), s("expired"), kT + 17000);
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordRequestClosed(requestOf(ids), s("failed"), s("timeout"), kT + 60000);
        },
        [](PostgresStore &st, const Ids &ids) {
            return st.recordOfferClosed(requestOf(ids), s("m2"), s("declined"), kT + 70000);
        },
    };
}

const QStringList kFailedResult{
    s("request|failed|timeout|60000"),
    s("offer|m1|2000|expired|17000"),
    s("offer|m2|2000|failed|60000"),
    s("offer|m3|20000|failed|60000"),
    s("pending|0"),
};

QString rel(const char *column)
{
    return QStringLiteral("coalesce((floor(extract(epoch FROM %1) * 1000)::bigint - %2)::text, "
                          "'-')")
        .arg(QLatin1String(column))
        .arg(kT);
}

} // namespace

class TestPostgresPairing : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void migrationCreatesTheSchema();
    void requestCreatedIsIdempotent();
    void namesFillInStandIns();
    void offersRepeatAndKeepEarliestTime();
    void requestClosedSettlesOffers_data();
    void requestClosedSettlesOffers();
    void requestCloseFirstWins();
    void offerCloseEarlierWins();
    void offerClosedBeforeOffers();
    void requestClosedBeforeCreated();
    void sessionAcceptedIsIdempotent();
    void secondSessionForRequestFailsLoudly();
    void startedBeforeAccepted();
    void endedBeforeAccepted();
    void startedAfterEnded();
    void sessionEndFirstWins();
    void rerouteBeforeAccepted();
    void rerouteChainsKeepOneCurrentAssignment();
    void rerouteRejectsBadTimes();
    void rerouteCollisionFailsLoudly();
    void rerouteWithoutRequestData();
    void everyOrderOfTheSessionSide();
    void everyOrderOfTheRequestSide();
    void everyOrderOfAFailedRequest();
    void twoInstancesInRandomOrders();
    void twoInstancesRacingOnOneRequest();
    void openSessionsAndRequests();
    void settingsRoundTrip();
    void badSettingsFailAndChangeNothing();
    void writesQueuedAcrossRestartAllLand();

private:
    std::unique_ptr<PostgresStore> openFreshStore(const QString &instanceId = s("i1"));
    std::unique_ptr<PostgresStore> openSecondStore(const QString &instanceId = s("i2"));
    QString freshDatabase();
    QHash<QString, QStringList> dumpAll(const QString &requests, const QString &sessions) const;
    QStringList dump(const Ids &ids) const;
    QString checkAll(const QString &tag, qsizetype count, const QStringList &expected) const;
    QString race(const QString &table, const std::function<QList<QFuture<void>>()> &writes);
    QList<QStringList> rows(const QString &sql) const { return m_server.query(m_db, sql); }
    QString one(const QString &sql) const { return rows(sql).value(0).value(0); }
    // Runs `ops` (indices into `all`) in each given order, each order on ids of its own, all on
    // `store` so they land in exactly that order; returns the first failure.
    QString runOrders(PostgresStore &store, const QList<Op> &all, const QList<QList<int>> &orders,
                      const QString &tag);

    hb::test::PostgresServer m_server;
    int m_databases = 0;
    QString m_db;
};

// Waits for a write and checks it succeeded.
#define LANDS(future)                                                                              \
    do {                                                                                           \
        const auto landed_ = (future);                                                             \
        QVERIFY(waitForFuture(landed_));                                                           \
        QCOMPARE(failureOf(landed_), QString());                                                   \
    } while (false)

void TestPostgresPairing::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

QString TestPostgresPairing::freshDatabase()
{
    m_db = QStringLiteral("pairing_%1").arg(++m_databases);
    QString error;
    if (!m_server.createDatabase(m_db, &error))
        qFatal("%s", qPrintable(error));
    return m_db;
}

std::unique_ptr<PostgresStore> TestPostgresPairing::openFreshStore(const QString &instanceId)
{
    auto store = std::make_unique<PostgresStore>(
        PostgresConfig{m_server.url(freshDatabase()), instanceId, 5});
    const QFuture<void> opened = store->open();
    if (!waitForFuture(opened) || !failureOf(opened).isEmpty())
        qFatal("open failed: %s", qPrintable(failureOf(opened)));
    return store;
}

std::unique_ptr<PostgresStore> TestPostgresPairing::openSecondStore(const QString &instanceId)
{
    auto store = std::make_unique<PostgresStore>(PostgresConfig{m_server.url(m_db), instanceId, 5});
    const QFuture<void> opened = store->open();
    if (!waitForFuture(opened) || !failureOf(opened).isEmpty())
        qFatal("open failed: %s", qPrintable(failureOf(opened)));
    return store;
}

// Everything logged about the requests whose ids are LIKE `requests` and the sessions whose ids
// are LIKE `sessions`, times relative to kT, NULL as "-", grouped by scenario: the number that
// ends the ids (one query per table, so thousands of scenarios are read quickly).
QHash<QString, QStringList> TestPostgresPairing::dumpAll(const QString &requests,
                                                         const QString &sessions) const
{
    QHash<QString, QStringList> lines;
    const auto add = [&](const QString &tag, const QString &sql) {
        for (QStringList row : m_server.query(m_db, sql)) {
            const QString key = row.takeFirst();
            lines[key].append(tag + QLatin1Char('|') + row.join(QLatin1Char('|')));
        }
    };
    const QString key = s("substring(%1 FROM '([0-9]+)$')");
    add(s("request"), QStringLiteral("SELECT %1, status, coalesce(outcome_reason, '-'), %2 FROM "
                                     "pairing_requests WHERE id LIKE '%3' ORDER BY id")
                          .arg(key.arg(s("id")), rel("closed_at"), requests));
    add(s("offer"),
        QStringLiteral("SELECT %1, mitra_id, %2, coalesce(outcome, '-'), %3 FROM "
                       "request_offers WHERE request_id LIKE '%4' "
                       "ORDER BY request_id, mitra_id")
            .arg(key.arg(s("request_id")), rel("offered_at"), rel("closed_at"), requests));
    add(s("session"), QStringLiteral("SELECT %1, state, %2, %3, %4, coalesce(end_reason, '-') "
                                     "FROM sessions WHERE id LIKE '%5' ORDER BY id")
                          .arg(key.arg(s("id")), rel("accepted_at"), rel("started_at"),
                               rel("ended_at"), sessions));
    add(s("assignment"),
        QStringLiteral("SELECT %1, mitra_id, %2, reason, coalesce(assigned_by, '-'), %3 FROM "
                       "session_assignments WHERE session_id LIKE '%4' "
                       "ORDER BY session_id, assigned_at")
            .arg(key.arg(s("session_id")), rel("assigned_at"), rel("unassigned_at"), sessions));
    QHash<QString, QString> pending;
    for (const QStringList &row :
         m_server.query(m_db, QStringLiteral("SELECT %1, count(*) FROM session_pending_events "
                                             "WHERE session_id LIKE '%2' GROUP BY 1")
                                  .arg(key.arg(s("session_id")), sessions))) {
        pending.insert(row.value(0), row.value(1));
    }
    for (auto it = lines.begin(); it != lines.end(); ++it)
        it.value().append(s("pending|") + pending.value(it.key(), s("0")));
    return lines;
}

QStringList TestPostgresPairing::dump(const Ids &ids) const
{
    const QHash<QString, QStringList> all = dumpAll(ids.request, ids.session);
    return all.size() == 1 ? all.cbegin().value() : QStringList{s("no single scenario")};
}

// Checks that each of `count` scenarios tagged `tag` ended as `expected`.
QString TestPostgresPairing::checkAll(const QString &tag, qsizetype count,
                                      const QStringList &expected) const
{
    const QHash<QString, QStringList> all =
        dumpAll(tag + QStringLiteral("-r%"), tag + QStringLiteral("-s%"));
    if (all.size() != count)
        return QStringLiteral("%1 scenarios logged, %2 expected").arg(all.size()).arg(count);
    for (qsizetype k = 0; k < count; ++k) {
        const QStringList got = all.value(QString::number(k));
        if (got != expected) {
            return QStringLiteral("scenario %1: %2").arg(k).arg(got.join(QLatin1String(" / ")));
        }
    }
    return {};
}

QString TestPostgresPairing::runOrders(PostgresStore &store, const QList<Op> &all,
                                       const QList<QList<int>> &orders, const QString &tag)
{
    QList<QFuture<void>> writes;
    for (qsizetype k = 0; k < orders.size(); ++k) {
        const Ids ids{QStringLiteral("%1-r%2").arg(tag).arg(k),
                      QStringLiteral("%1-s%2").arg(tag).arg(k)};
        for (const int op : orders.at(k))
            writes.append(all.at(op)(store, ids));
    }
    for (const QFuture<void> &write : std::as_const(writes)) {
        if (!waitForFuture(write, 120000))
            return s("timed out");
        const QString failure = failureOf(write);
        if (!failure.isEmpty())
            return failure;
    }
    return {};
}

void TestPostgresPairing::migrationCreatesTheSchema()
{
    auto store = openFreshStore();
    // The pairing migration is applied after the initial one (later migrations may follow).
    QCOMPARE(rows(s("SELECT version, name FROM schema_migrations WHERE version <= 2 "
                    "ORDER BY version")),
             (QList<QStringList>{{s("1"), s("0001_initial")}, {s("2"), s("0002_pairing")}}));
    QCOMPARE(one(s("SELECT count(*) FROM pg_tables WHERE tablename IN ('pairing_requests', "
                   "'request_offers', 'sessions', 'session_assignments', "
                   "'session_pending_events')")),
             s("5"));
    // The invariants are the database's, not only the code's.
    QString error;
    m_server.query(m_db,
                   s("INSERT INTO customers (id, display_name) VALUES ('c', 'C');"
                     "INSERT INTO mitras (id, display_name) VALUES ('m', 'M'), ('n', 'N');"
                     "INSERT INTO pairing_requests (id, customer_id, strategy, created_at, "
                     "deadline_at) VALUES ('r', 'c', 'broadcast', now(), now());"
                     "INSERT INTO sessions (id, request_id, customer_id, state, accepted_at) "
                     "VALUES ('s', 'r', 'c', 'awaiting_payment', now());"
                     "INSERT INTO session_assignments (session_id, mitra_id, assigned_at, reason) "
                     "VALUES ('s', 'm', now(), 'accepted')"));
    QVERIFY(m_server
                .query(m_db,
                       s("INSERT INTO sessions (id, request_id, customer_id, state, accepted_at) "
                         "VALUES ('s2', 'r', 'c', 'awaiting_payment', now())"),
                       &error)
                .isEmpty());
    QVERIFY2(error.contains(s("sessions_request_id_key")), qPrintable(error));
    error.clear();
    m_server.query(m_db,
                   s("INSERT INTO session_assignments (session_id, mitra_id, assigned_at, reason) "
                     "VALUES ('s', 'n', now() + interval '1 s', 'rerouted')"),
                   &error);
    QVERIFY2(error.contains(s("session_assignments_one_current_idx")), qPrintable(error));
    error.clear();
    m_server.query(m_db,
                   s("INSERT INTO pairing_requests (id, customer_id, strategy, created_at, "
                     "deadline_at, status) VALUES ('r2', 'c', 'broadcast', now(), now(), "
                     "'matched')"),
                   &error);
    QVERIFY2(error.contains(s("pairing_requests_closed_iff_not_open")), qPrintable(error));
    error.clear();
    m_server.query(m_db,
                   s("INSERT INTO pairing_requests (id, customer_id, strategy, created_at, "
                     "deadline_at) VALUES ('r3', 'c', 'first_come', now(), now())"),
                   &error);
    QVERIFY2(error.contains(s("pairing_requests_strategy_known")), qPrintable(error));
}

void TestPostgresPairing::requestCreatedIsIdempotent()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordRequestCreated(requestOf(ids)));
    LANDS(store->recordRequestCreated(requestOf(ids)));
    // A repeat with other data (a bug or a stale record) changes nothing either.
    RequestRecord other = requestOf(ids);
    other.strategy = s("round_robin");
    other.createdAtMs = kT + 1;
    LANDS(store->recordRequestCreated(other));
    QCOMPARE(rows(QStringLiteral("SELECT id, customer_id, strategy, %1, %2, status, "
                                 "closed_at IS NULL, outcome_reason IS NULL FROM pairing_requests")
                      .arg(rel("created_at"), rel("deadline_at"))),
             (QList<QStringList>{{s("r1"), s("c1"), s("broadcast"), s("0"), s("60000"), s("open"),
                                  s("t"), s("t")}}));
    QCOMPARE(rows(s("SELECT id, display_name FROM customers")),
             (QList<QStringList>{{s("c1"), s("Citra")}}));
}

void TestPostgresPairing::namesFillInStandIns()
{
    auto store = openFreshStore();
    // Unknown names: the ids stand in.
    RequestRecord anonymous{s("r1"), s("c1"), QString(), s("broadcast"), kT, kT + 60000};
    LANDS(store->recordRequestCreated(anonymous));
    LANDS(store->recordOffers(anonymous, {s("m1")}, kT + 1));
    QCOMPARE(rows(s("SELECT display_name FROM customers UNION ALL SELECT display_name FROM "
                    "mitras")),
             (QList<QStringList>{{s("c1")}, {s("m1")}}));
    // A write that knows the names replaces the stand-ins...
    LANDS(store->recordSessionAccepted(requestOf({s("r1"), s("s1")}),
                                       sessionOf({s("r1"), s("s1")}, s("m1"), s("Ayu"))));
    QCOMPARE(rows(s("SELECT display_name FROM customers UNION ALL SELECT display_name FROM "
                    "mitras")),
             (QList<QStringList>{{s("Citra")}, {s("Ayu")}}));
    // ...but never a real name (that is upsertMitra/upsertCustomer's job, from the login).
    LANDS(store->upsertMitra(s("m2"), s("Bima")));
    RerouteRecord reroute =
        rerouteOf({s("r1"), s("s1")}, s("m1"), kT + 5000, s("m2"), kT + 6000, s("staff"));
    reroute.toMitraName = s("Old Name");
    LANDS(store->recordReroute(reroute));
    QCOMPARE(one(s("SELECT display_name FROM mitras WHERE id = 'm2'")), s("Bima"));
}

void TestPostgresPairing::offersRepeatAndKeepEarliestTime()
{
    auto store = openFreshStore();
    const RequestRecord request = requestOf({s("r1"), s("s1")});
    // Offers may create the request (their log can land before the creation's).
    LANDS(store->recordOffers(request, {s("m1"), s("m2"), s("m2"), s("we\"ird\\id")}, kT + 2000));
    LANDS(store->recordOffers(request, {s("m1"), s("m2")}, kT + 2000));
    LANDS(store->recordOffers(request, {s("m1")}, kT + 2500)); // later: keeps 2000
    LANDS(store->recordOffers(request, {s("m2")}, kT + 1500)); // earlier: wins
    LANDS(store->recordOffers(request, {}, kT + 2000));
    QCOMPARE(rows(QStringLiteral("SELECT mitra_id, %1, outcome IS NULL, closed_at IS NULL FROM "
                                 "request_offers ORDER BY mitra_id")
                      .arg(rel("offered_at"))),
             (QList<QStringList>{{s("m1"), s("2000"), s("t"), s("t")},
                                 {s("m2"), s("1500"), s("t"), s("t")},
                                 {s("we\"ird\\id"), s("2000"), s("t"), s("t")}}));
    QCOMPARE(rows(s("SELECT id, display_name FROM mitras ORDER BY id")),
             (QList<QStringList>{
                 {s("m1"), s("m1")}, {s("m2"), s("m2")}, {s("we\"ird\\id"), s("we\"ird\\id")}}));
    QCOMPARE(one(s("SELECT status FROM pairing_requests WHERE id = 'r1'")), s("open"));
}

void TestPostgresPairing::requestClosedSettlesOffers_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("storedReason");
    QTest::addColumn<QString>("offerOutcome");
    QTest::newRow("cancelled") << s("cancelled") << s("cancelled") << s("cancelled")
                               << s("cancelled");
    QTest::newRow("cancelled, no reason")
        << s("cancelled") << QString() << s("cancelled") << s("cancelled");
    QTest::newRow("failed, timeout") << s("failed") << s("timeout") << s("timeout") << s("failed");
    QTest::newRow("failed, nobody")
        << s("failed") << s("no_bestie_available") << s("no_bestie_available") << s("failed");
    QTest::newRow("failed, no reason") << s("failed") << QString() << s("-") << s("failed");
    QTest::newRow("matched") << s("matched") << QString() << s("-") << s("taken");
}

void TestPostgresPairing::requestClosedSettlesOffers()
{
    QFETCH(QString, status);
    QFETCH(QString, reason);
    QFETCH(QString, storedReason);
    QFETCH(QString, offerOutcome);
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordRequestCreated(requestOf(ids)));
    LANDS(store->recordOffers(requestOf(ids), {s("m1"), s("m2")}, kT + 2000));
    LANDS(store->recordOfferClosed(requestOf(ids), s("m1"), s("declined"), kT + 3000));
    LANDS(store->recordRequestClosed(requestOf(ids), status, reason, kT + 40000));
    LANDS(store->recordRequestClosed(requestOf(ids), status, reason, kT + 40000));
    QCOMPARE(dump(ids), (QStringList{
                            QStringLiteral("request|%1|%2|40000").arg(status, storedReason),
                            s("offer|m1|2000|declined|3000"),
                            QStringLiteral("offer|m2|2000|%1|40000").arg(offerOutcome),
                            s("pending|0"),
                        }));
}

void TestPostgresPairing::requestCloseFirstWins()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordOffers(requestOf(ids), {s("m1")}, kT + 2000));
    LANDS(store->recordRequestClosed(requestOf(ids), s("cancelled"), QString(), kT + 7000));
    LANDS(store->recordRequestClosed(requestOf(ids), s("failed"), s("timeout"), kT + 6000));
    LANDS(store->recordRequestClosed(requestOf(ids), s("matched"), QString(), kT + 8000));
    QCOMPARE(dump(ids), (QStringList{s("request|cancelled|cancelled|7000"),
                                     s("offer|m1|2000|cancelled|7000"), s("pending|0")}));
    // A status that is not a close fails clearly and changes nothing.
    const QFuture<void> reopen =
        store->recordRequestClosed(requestOf(ids), s("open"), QString(), kT + 9000);
    QVERIFY(waitForFuture(reopen));
    QVERIFY2(failureOf(reopen).contains(s("status open")), qPrintable(failureOf(reopen)));
    const QFuture<void> nonsense =
        store->recordRequestClosed(requestOf({s("r2"), s("s2")}), s("done"), QString(), kT);
    QVERIFY(waitForFuture(nonsense));
    QVERIFY2(failureOf(nonsense).contains(s("pairing_requests_status_known")),
             qPrintable(failureOf(nonsense)));
    QCOMPARE(one(s("SELECT count(*) FROM pairing_requests")), s("1"));
}

void TestPostgresPairing::offerCloseEarlierWins()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    const RequestRecord request = requestOf(ids);
    LANDS(store->recordOffers(request, {s("m1"), s("m2"), s("m3")}, kT + 2000));
    // A repeat, and a later close of another kind, keep the first.
    LANDS(store->recordOfferClosed(request, s("m1"), s("declined"), kT + 3000));
    LANDS(store->recordOfferClosed(request, s("m1"), s("declined"), kT + 3000));
    LANDS(store->recordOfferClosed(request, s("m1"), s("expired"), kT + 4000));
    // An earlier close that lands later wins.
    LANDS(store->recordOfferClosed(request, s("m2"), s("expired"), kT + 9000));
    LANDS(store->recordOfferClosed(request, s("m2"), s("declined"), kT + 8000));
    // At the same instant the mitra's own outcome beats one that follows from the request.
    LANDS(store->recordOfferClosed(request, s("m3"), s("cancelled"), kT + 9500));
    LANDS(store->recordOfferClosed(request, s("m3"), s("expired"), kT + 9500));
    LANDS(store->recordOfferClosed(request, s("m3"), s("cancelled"), kT + 9500));
    QCOMPARE(dump(ids), (QStringList{s("request|open|-|-"), s("offer|m1|2000|declined|3000"),
                                     s("offer|m2|2000|declined|8000"),
                                     s("offer|m3|2000|expired|9500"), s("pending|0")}));
    const QFuture<void> bad = store->recordOfferClosed(request, s("m1"), s("maybe"), kT + 1000);
    QVERIFY(waitForFuture(bad));
    QVERIFY2(failureOf(bad).contains(s("request_offers_outcome_known")),
             qPrintable(failureOf(bad)));
}

void TestPostgresPairing::offerClosedBeforeOffers()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    // The decline (instance B) lands before the offer and the request (instance A).
    LANDS(store->recordOfferClosed(requestOf(ids), s("m1"), s("declined"), kT + 3000));
    QCOMPARE(dump(ids), (QStringList{s("request|open|-|-"), s("offer|m1|3000|declined|3000"),
                                     s("pending|0")}));
    LANDS(store->recordOffers(requestOf(ids), {s("m1"), s("m2")}, kT + 2000));
    LANDS(store->recordRequestCreated(requestOf(ids)));
    QCOMPARE(dump(ids), (QStringList{s("request|open|-|-"), s("offer|m1|2000|declined|3000"),
                                     s("offer|m2|2000|-|-"), s("pending|0")}));
}

void TestPostgresPairing::requestClosedBeforeCreated()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordRequestClosed(requestOf(ids), s("failed"), s("timeout"), kT + 60000));
    LANDS(store->recordRequestCreated(requestOf(ids)));
    // Offers logged after the close are closed as the request was.
    LANDS(store->recordOffers(requestOf(ids), {s("m1")}, kT + 2000));
    QCOMPARE(dump(ids), (QStringList{s("request|failed|timeout|60000"),
                                     s("offer|m1|2000|failed|60000"), s("pending|0")}));
    const auto open = store->openRequests();
    QVERIFY(waitForFuture(open));
    QVERIFY(open.result().isEmpty());
}

void TestPostgresPairing::sessionAcceptedIsIdempotent()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordOffers(requestOf(ids), {s("m1"), s("m2")}, kT + 2000));
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    const QStringList expected{
        s("request|matched|-|5000"),          s("offer|m1|2000|accepted|5000"),
        s("offer|m2|2000|taken|5000"),        s("session|awaiting_payment|5000|-|-|-"),
        s("assignment|m1|5000|accepted|-|-"), s("pending|0")};
    QCOMPARE(dump(ids), expected);
    // The lead logs the request's close right after; a late repeat of the acceptance too.
    LANDS(store->recordRequestClosed(requestOf(ids), s("matched"), QString(), kT + 5000));
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    QCOMPARE(dump(ids), expected);
    LANDS(store->recordSessionStarted(ids.session, kT + 5100));
    LANDS(store->recordSessionStarted(ids.session, kT + 5200));
    QCOMPARE(one(QStringLiteral("SELECT state || ' ' || %1 FROM sessions").arg(rel("started_at"))),
             s("active 5100"));
}

void TestPostgresPairing::secondSessionForRequestFailsLoudly()
{
    auto store = openFreshStore();
    const Ids first{s("r1"), s("s1")};
    LANDS(store->recordSessionAccepted(requestOf(first), sessionOf(first)));
    const QStringList before = dump(first);

    QElapsedTimer clock;
    clock.start();
    const Ids second{s("r1"), s("s2")};
    const QFuture<void> again =
        store->recordSessionAccepted(requestOf(second), sessionOf(second, s("m2"), s("Bima")));
    QVERIFY(waitForFuture(again, 10000));
    const QString failure = failureOf(again);
    QVERIFY2(failure.contains(s("request r1 already has session s1")) && failure.contains(s("s2")),
             qPrintable(failure));
    QVERIFY(clock.elapsed() < 5000); // failed at once, not retried with backoff
    // Nothing of the second session was written, not even its mitra or offer.
    QCOMPARE(dump(first), before);
    QCOMPARE(one(s("SELECT count(*) FROM sessions")), s("1"));
    QCOMPARE(one(s("SELECT count(*) FROM mitras WHERE id = 'm2'")), s("0"));
    QCOMPARE(one(s("SELECT count(*) FROM request_offers")), s("1"));

    // A reroute naming that second session fails the same way.
    const QFuture<void> reroute =
        store->recordReroute(rerouteOf(second, s("m2"), kT + 5000, s("m3"), kT + 6000, s("staff")));
    QVERIFY(waitForFuture(reroute, 10000));
    QVERIFY2(failureOf(reroute).contains(s("already has session s1")),
             qPrintable(failureOf(reroute)));

    // A session logged under another request than the one it has is refused too.
    LANDS(store->recordRequestCreated(requestOf({s("r2"), QString()})));
    SessionRecord moved = sessionOf({s("r2"), s("s1")});
    const QFuture<void> wrongRequest =
        store->recordSessionAccepted(requestOf({s("r2"), QString()}), moved);
    QVERIFY(waitForFuture(wrongRequest));
    QVERIFY2(failureOf(wrongRequest).contains(s("session s1 belongs to request r1")),
             qPrintable(failureOf(wrongRequest)));
    QCOMPARE(one(s("SELECT status FROM pairing_requests WHERE id = 'r2'")), s("open"));

    // The worker carries on.
    LANDS(store->recordSessionEnded(s("s1"), kT + 9000, s("completed")));
    QCOMPARE(one(s("SELECT state FROM sessions WHERE id = 's1'")), s("ended"));
}

void TestPostgresPairing::startedBeforeAccepted()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordSessionStarted(ids.session, kT + 5100));
    LANDS(store->recordSessionStarted(ids.session, kT + 5200)); // a repeat keeps the first
    QCOMPARE(one(s("SELECT count(*) FROM sessions")), s("0"));
    QCOMPARE(rows(QStringLiteral("SELECT session_id, kind, %1 FROM session_pending_events")
                      .arg(rel("at"))),
             (QList<QStringList>{{s("s1"), s("started"), s("5100")}}));
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    QCOMPARE(dump(ids), (QStringList{s("request|matched|-|5000"), s("offer|m1|5000|accepted|5000"),
                                     s("session|active|5000|5100|-|-"),
                                     s("assignment|m1|5000|accepted|-|-"), s("pending|0")}));
}

void TestPostgresPairing::endedBeforeAccepted()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordSessionEnded(ids.session, kT + 12000, s("completed")));
    LANDS(store->recordSessionEnded(ids.session, kT + 13000, s("forced")));
    QCOMPARE(one(s("SELECT count(*) FROM session_pending_events")), s("1"));
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    QCOMPARE(dump(ids), (QStringList{s("request|matched|-|5000"), s("offer|m1|5000|accepted|5000"),
                                     s("session|ended|5000|-|12000|completed"),
                                     s("assignment|m1|5000|accepted|-|12000"), s("pending|0")}));
    // A late start still records when payment confirmed, and the session stays ended.
    LANDS(store->recordSessionStarted(ids.session, kT + 5100));
    QCOMPARE(dump(ids).at(2), s("session|ended|5000|5100|12000|completed"));
    const auto open = store->openSessions();
    QVERIFY(waitForFuture(open));
    QVERIFY(open.result().isEmpty());
}

void TestPostgresPairing::startedAfterEnded()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    LANDS(store->recordSessionEnded(ids.session, kT + 6000, s("cancelled_by_customer")));
    LANDS(store->recordSessionStarted(ids.session, kT + 5100));
    QCOMPARE(dump(ids).mid(2, 2),
             (QStringList{s("session|ended|5000|5100|6000|cancelled_by_customer"),
                          s("assignment|m1|5000|accepted|-|6000")}));
}

void TestPostgresPairing::sessionEndFirstWins()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    LANDS(store->recordSessionStarted(ids.session, kT + 5100));
    LANDS(store->recordSessionEnded(ids.session, kT + 12000, s("completed")));
    LANDS(store->recordSessionEnded(ids.session, kT + 12000, s("completed")));
    LANDS(store->recordSessionEnded(ids.session, kT + 11000, s("forced")));
    LANDS(store->recordSessionEnded(ids.session, kT + 13000, QString()));
    QCOMPARE(dump(ids).mid(2, 2), (QStringList{s("session|ended|5000|5100|12000|completed"),
                                               s("assignment|m1|5000|accepted|-|12000")}));
}

void TestPostgresPairing::rerouteBeforeAccepted()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    // Instance B logs the reroute before instance A's log of the acceptance lands.
    LANDS(store->recordReroute(rerouteOf(ids, s("m1"), kT + 5000, s("m2"), kT + 8000, s("st"))));
    const QStringList expected{s("request|matched|-|5000"),
                               s("offer|m1|5000|accepted|5000"),
                               s("session|awaiting_payment|5000|-|-|-"),
                               s("assignment|m1|5000|accepted|-|8000"),
                               s("assignment|m2|8000|rerouted|st|-"),
                               s("pending|0")};
    QCOMPARE(dump(ids), expected);
    // The late acceptance must not make its first assignment current again.
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    LANDS(store->recordReroute(rerouteOf(ids, s("m1"), kT + 5000, s("m2"), kT + 8000, s("st"))));
    QCOMPARE(dump(ids), expected);
    QCOMPARE(one(s("SELECT count(*) FROM session_assignments WHERE unassigned_at IS NULL")),
             s("1"));
    // The request's own log lands last and changes nothing but offered_at.
    LANDS(store->recordOffers(requestOf(ids), {s("m1"), s("m2")}, kT + 2000));
    LANDS(store->recordRequestCreated(requestOf(ids)));
    QCOMPARE(dump(ids).mid(1, 2),
             (QStringList{s("offer|m1|2000|accepted|5000"), s("offer|m2|2000|taken|5000")}));
}

void TestPostgresPairing::rerouteChainsKeepOneCurrentAssignment()
{
    auto store = openFreshStore();
    // Five reroutes m1 -> m2 -> m3 -> m1 -> m2 -> m3 plus the acceptance, in many orders; the
    // session is left open (no end), so exactly the last assignment must be current.
    constexpr int kHops = 5;
    const QStringList mitras{s("m1"), s("m2"), s("m3")};
    QList<Op> ops;
    ops.append([](PostgresStore &st, const Ids &ids) {
        return st.recordSessionAccepted(requestOf(ids), sessionOf(ids));
    });
    for (int hop = 1; hop <= kHops; ++hop) {
        ops.append([hop, mitras](PostgresStore &st, const Ids &ids) {
            return st.recordReroute(rerouteOf(
                ids, mitras.at((hop - 1) % 3), kT + 5000 + (hop - 1) * 1000, mitras.at(hop % 3),
                kT + 5000 + hop * 1000, QStringLiteral("staff-%1").arg(hop)));
        });
    }
    QList<int> order(ops.size());
    std::iota(order.begin(), order.end(), 0);
    QList<QList<int>> orders;
    std::mt19937 random(20240611);
    orders.append(order);
    orders.append(QList<int>(order.crbegin(), order.crend()));
    for (int i = 0; i < 60; ++i) {
        std::shuffle(order.begin(), order.end(), random);
        orders.append(order);
    }
    QCOMPARE(runOrders(*store, ops, orders, s("chain")), QString());

    // A second instance repeating everything in other orders changes nothing.
    auto other = openSecondStore();
    QList<QList<int>> again = orders;
    for (QList<int> &o : again)
        std::shuffle(o.begin(), o.end(), random);
    QCOMPARE(runOrders(*other, ops, again, s("chain")), QString());

    QStringList expected{s("request|matched|-|5000"), s("offer|m1|5000|accepted|5000"),
                         s("session|awaiting_payment|5000|-|-|-"),
                         s("assignment|m1|5000|accepted|-|6000")};
    for (int hop = 1; hop <= kHops; ++hop) {
        expected.append(QStringLiteral("assignment|%1|%2|rerouted|staff-%3|%4")
                            .arg(mitras.at(hop % 3))
                            .arg(hop * 1000 + 5000)
                            .arg(hop)
                            .arg(hop == kHops ? s("-") : QString::number(hop * 1000 + 6000)));
    }
    expected.append(s("pending|0"));
    QCOMPARE(checkAll(s("chain"), orders.size(), expected), QString());
    QCOMPARE(one(s("SELECT count(*) FROM (SELECT session_id FROM session_assignments WHERE "
                   "unassigned_at IS NULL GROUP BY session_id) AS current")),
             QString::number(orders.size()));
}

void TestPostgresPairing::rerouteRejectsBadTimes()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    for (const qint64 at : {kT + 5000, kT + 4000}) {
        const QFuture<void> bad =
            store->recordReroute(rerouteOf(ids, s("m1"), kT + 5000, s("m2"), at, s("st")));
        QVERIFY(waitForFuture(bad));
        QVERIFY2(failureOf(bad).contains(s("is not after the assignment it ends")),
                 qPrintable(failureOf(bad)));
    }
    QCOMPARE(one(s("SELECT count(*) FROM session_assignments")), s("1"));
}

void TestPostgresPairing::rerouteCollisionFailsLoudly()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    LANDS(store->recordReroute(rerouteOf(ids, s("m1"), kT + 5000, s("m2"), kT + 8000, s("st"))));
    // Another reroute claiming the same instant for another mitra: two truths, refuse.
    const QFuture<void> clash =
        store->recordReroute(rerouteOf(ids, s("m1"), kT + 5000, s("m3"), kT + 8000, s("st")));
    QVERIFY(waitForFuture(clash));
    QVERIFY2(failureOf(clash).contains(s("was assigned to mitra m2")),
             qPrintable(failureOf(clash)));
    // A reroute that says the session left a mitra it never had at that time, likewise.
    const QFuture<void> wrongFrom =
        store->recordReroute(rerouteOf(ids, s("m3"), kT + 5000, s("m2"), kT + 9000, s("st")));
    QVERIFY(waitForFuture(wrongFrom));
    QVERIFY2(failureOf(wrongFrom).contains(s("was assigned to mitra m1")),
             qPrintable(failureOf(wrongFrom)));
    QCOMPARE(dump(ids).mid(3),
             (QStringList{s("assignment|m1|5000|accepted|-|8000"),
                          s("assignment|m2|8000|rerouted|st|-"), s("pending|0")}));
}

void TestPostgresPairing::rerouteWithoutRequestData()
{
    auto store = openFreshStore();
    const Ids ids{s("r1"), s("s1")};
    RerouteRecord reroute = rerouteOf(ids, s("m1"), kT + 5000, s("m2"), kT + 8000, s("st"));
    reroute.request = RequestRecord{}; // e.g. live state rebuilt from openSessions()
    // Without the request logged, the session cannot be created: a clear failure, no retry.
    const QFuture<void> early = store->recordReroute(reroute);
    QVERIFY(waitForFuture(early));
    QVERIFY2(failureOf(early).contains(s("request r1 is not logged yet")),
             qPrintable(failureOf(early)));
    // Once the request is there, it works.
    LANDS(store->recordSessionAccepted(requestOf(ids), sessionOf(ids)));
    LANDS(store->recordReroute(reroute));
    QCOMPARE(dump(ids).mid(3, 2), (QStringList{s("assignment|m1|5000|accepted|-|8000"),
                                               s("assignment|m2|8000|rerouted|st|-")}));
}

void TestPostgresPairing::everyOrderOfTheSessionSide()
{
    auto store = openFreshStore();
    QList<int> order = kSessionOps;
    std::sort(order.begin(), order.end());
    QList<QList<int>> orders;
    do {
        orders.append(order);
    } while (std::next_permutation(order.begin(), order.end()));
    QCOMPARE(orders.size(), 120);
    QCOMPARE(runOrders(*store, fullLife(), orders, s("sess")), QString());
    QCOMPARE(checkAll(s("sess"), orders.size(), kSessionResult), QString());
}

void TestPostgresPairing::everyOrderOfTheRequestSide()
{
    auto store = openFreshStore();
    QList<int> order = kRequestOps;
    std::sort(order.begin(), order.end());
    QList<QList<int>> orders;
    do {
        orders.append(order);
    } while (std::next_permutation(order.begin(), order.end()));
    QCOMPARE(runOrders(*store, fullLife(), orders, s("req")), QString());
    QCOMPARE(checkAll(s("req"), orders.size(), kRequestResult), QString());
}

void TestPostgresPairing::everyOrderOfAFailedRequest()
{
    auto store = openFreshStore();
    QList<int> order{0, 1, 2, 3, 4, 5};
    QList<QList<int>> orders;
    do {
        orders.append(order);
    } while (std::next_permutation(order.begin(), order.end()));
    QCOMPARE(orders.size(), 720);
    QCOMPARE(runOrders(*store, failedLife(), orders, s("fail")), QString());
    QCOMPARE(checkAll(s("fail"), orders.size(), kFailedResult), QString());
}

// Two instances at once, each with its own connection, every step of a request's life given to
// one of them at random and the steps shuffled: the landing order is a real race between the
// two, so this is where the per-request and per-session locks earn their keep.
void TestPostgresPairing::twoInstancesInRandomOrders()
{
    auto a = openFreshStore(s("a"));
    auto b = openSecondStore(s("b"));
    const QList<Op> ops = fullLife();
    constexpr int kLives = 200;
    std::mt19937 random(7);
    QList<QFuture<void>> writes;
    for (int k = 0; k < kLives; ++k) {
        const Ids ids{QStringLiteral("race-r%1").arg(k), QStringLiteral("race-s%1").arg(k)};
        QList<int> order(ops.size());
        std::iota(order.begin(), order.end(), 0);
        if (k % 2 == 1)
            std::reverse(order.begin(), order.end());
        else if (k > 0)
            std::shuffle(order.begin(), order.end(), random);
        for (const int op : order)
            writes.append(ops.at(op)(random() % 2 ? *a : *b, ids));
    }
    for (const QFuture<void> &write : std::as_const(writes)) {
        QVERIFY(waitForFuture(write, 120000));
        QCOMPARE(failureOf(write), QString());
    }
    QCOMPARE(checkAll(s("race"), kLives, kFullLifeResult), QString());
    QCOMPARE(
        rows(s("SELECT id, display_name FROM mitras ORDER BY id")),
        (QList<QStringList>{{s("m1"), s("Ayu")}, {s("m2"), s("Bima")}, {s("m3"), s("Candra")}}));
}

// Lets two writes from two instances go at the same instant, from the same point: `table` is
// locked against writes from a third connection, the writes are submitted, and once both wait
// (on the table, or one on the other's advisory lock) the blocker is cancelled. Returns the
// first failure.
QString TestPostgresPairing::race(const QString &table,
                                  const std::function<QList<QFuture<void>>()> &writes)
{
    const auto waitFor = [this](const QString &sql, const QString &want) {
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            if (one(sql) == want)
                return true;
            QThread::msleep(2);
        }
        return false;
    };
    QString blockerEnd;
    std::thread blocker([&] {
        m_server.query(m_db,
                       QStringLiteral("SET application_name = 'hb-blocker'; BEGIN; LOCK TABLE %1 "
                                      "IN EXCLUSIVE MODE; SELECT pg_sleep(30); COMMIT")
                           .arg(table),
                       &blockerEnd);
    });
    QString failure;
    QList<QFuture<void>> started;
    if (!waitFor(QStringLiteral("SELECT count(*) FROM pg_locks AS l JOIN pg_stat_activity AS a "
                                "ON a.pid = l.pid WHERE a.application_name = 'hb-blocker' AND "
                                "l.relation = '%1'::regclass AND l.granted")
                     .arg(table),
                 s("1"))) {
        failure = s("the blocker did not get its lock");
    } else {
        started = writes();
        if (!waitFor(s("SELECT count(*) FROM pg_locks WHERE NOT granted"), s("2")))
            failure = s("the writes did not both wait");
    }
    one(s("SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE application_name = "
          "'hb-blocker'"));
    blocker.join();
    for (const QFuture<void> &write : std::as_const(started)) {
        if (!waitForFuture(write, 30000))
            return s("a write did not finish");
        if (failure.isEmpty())
            failure = failureOf(write);
    }
    return failure;
}

// The races the per-request and per-session locks exist for, run head-on: two instances write
// the two halves of one request (offers / close) or of one session (acceptance / end) at the
// same instant. Without the locks each transaction misses the other's uncommitted rows: offers
// stay open on a closed request, an end stays pending beside its session.
void TestPostgresPairing::twoInstancesRacingOnOneRequest()
{
    auto a = openFreshStore(s("a"));
    auto b = openSecondStore(s("b"));
    constexpr int kRounds = 8;
    const QStringList mitras{s("m1"), s("m2"), s("m3")};
    // The rows both sides would otherwise create exist already: a concurrent insert of the same
    // new row makes one transaction wait for the other, which would hide the race.
    LANDS(a->recordOffers(requestOf({s("warm-r0"), QString()}), mitras, kT));
    for (int k = 0; k < kRounds; ++k) {
        const Ids offered{QStringLiteral("offer-r%1").arg(k), QString()};
        LANDS(a->recordRequestCreated(requestOf(offered)));
        // Both start with ensureCustomer (an insert into customers), then race to the offers.
        QCOMPARE(race(s("customers"),
                      [&] {
                          return QList<QFuture<void>>{
                              a->recordOffers(requestOf(offered), mitras, kT + 2000),
                              b->recordRequestClosed(requestOf(offered), s("failed"), s("timeout"),
                                                     kT + 60000)};
                      }),
                 QString());

        const Ids ended{QStringLiteral("end-r%1").arg(k), QStringLiteral("end-s%1").arg(k)};
        LANDS(a->recordRequestCreated(requestOf(ended)));
        // The end finds no session and waits to keep itself aside; the acceptance has inserted
        // the session and waits to apply what was kept aside.
        QCOMPARE(race(s("session_pending_events"),
                      [&] {
                          return QList<QFuture<void>>{
                              a->recordSessionAccepted(requestOf(ended), sessionOf(ended)),
                              b->recordSessionEnded(ended.session, kT + 12000, s("completed"))};
                      }),
                 QString());
    }
    QCOMPARE(rows(s("SELECT count(*), count(*) FILTER (WHERE outcome = 'failed') FROM "
                    "request_offers WHERE request_id LIKE 'offer-r%'")),
             (QList<QStringList>{{QString::number(kRounds * 3), QString::number(kRounds * 3)}}));
    QCOMPARE(rows(s("SELECT count(*) FILTER (WHERE state = 'ended'), count(*) FROM sessions "
                    "WHERE id LIKE 'end-s%'")),
             (QList<QStringList>{{QString::number(kRounds), QString::number(kRounds)}}));
    QCOMPARE(one(s("SELECT count(*) FROM session_pending_events")), s("0"));
    QCOMPARE(one(s("SELECT count(*) FROM session_assignments WHERE unassigned_at IS NULL")),
             s("0"));
}

void TestPostgresPairing::openSessionsAndRequests()
{
    auto store = openFreshStore();
    // r1: open; r2: open, created earlier; r3: failed; s4 (r4): active, rerouted to m2;
    // s5 (r5): awaiting payment; s6 (r6): ended.
    RequestRecord r1 = requestOf({s("r1"), QString()});
    RequestRecord r2 = requestOf({s("r2"), QString()});
    r2.createdAtMs = kT - 1000;
    r2.customerId = s("c2");
    r2.customerName = s("Dewi");
    r2.strategy = s("weighted_round_robin");
    LANDS(store->recordRequestCreated(r1));
    LANDS(store->recordOffers(r2, {s("m1")}, kT));
    LANDS(store->recordRequestClosed(requestOf({s("r3"), QString()}), s("failed"),
                                     s("no_bestie_available"), kT + 10));
    const Ids s4{s("r4"), s("s4")};
    const Ids s5{s("r5"), s("s5")};
    const Ids s6{s("r6"), s("s6")};
    LANDS(store->recordSessionAccepted(requestOf(s4), sessionOf(s4)));
    LANDS(store->recordSessionStarted(s4.session, kT + 5100));
    LANDS(store->recordReroute(rerouteOf(s4, s("m1"), kT + 5000, s("m2"), kT + 8000, s("st"))));
    LANDS(store->recordSessionAccepted(requestOf(s5),
                                       sessionOf(s5, s("m3"), s("Candra"), kT + 6000)));
    LANDS(store->recordSessionAccepted(requestOf(s6), sessionOf(s6)));
    LANDS(store->recordSessionEnded(s6.session, kT + 7000, s("completed")));

    const auto requests = store->openRequests();
    QVERIFY(waitForFuture(requests));
    QCOMPARE(failureOf(requests), QString());
    QCOMPARE(requests.result(), (QList<RequestRecord>{r2, r1}));

    const auto sessions = store->openSessions();
    QVERIFY(waitForFuture(sessions));
    QCOMPARE(failureOf(sessions), QString());
    SessionRecord expected4 = sessionOf(s4, s("m2"), s("Bima"));
    expected4.state = s("active");
    expected4.startedAtMs = kT + 5100;
    expected4.assignedAtMs = kT + 8000;
    SessionRecord expected5 = sessionOf(s5, s("m3"), s("Candra"), kT + 6000);
    expected5.state = s("awaiting_payment");
    expected5.assignedAtMs = kT + 6000;
    const QList<SessionRecord> got = sessions.result();
    QCOMPARE(got.size(), 2);
    QCOMPARE(got.at(0).id, s("s4"));
    QCOMPARE(got.at(0).mitraId, s("m2"));
    QCOMPARE(got.at(0).state, s("active"));
    QVERIFY(got.at(0) == expected4);
    QVERIFY(got.at(1) == expected5);
}

void TestPostgresPairing::settingsRoundTrip()
{
    auto store = openFreshStore();
    const auto load = [&store] {
        const auto loaded = store->loadPairingSettings();
        if (!waitForFuture(loaded) || !failureOf(loaded).isEmpty())
            qFatal("load failed: %s", qPrintable(failureOf(loaded)));
        return loaded.result();
    };
    QCOMPARE(load(), PairingSettings{});

    LANDS(store->upsertMitra(s("m1"), s("Ayu")));
    for (int round = 0; round < 2; ++round) { // every save is idempotent
        LANDS(store->saveGlobalMaxCustomers(5));
        LANDS(store->saveSetting(s("round_robin_batch"), QJsonValue(2)));
        LANDS(store->saveSetting(s("pairing_strategy"), QJsonValue(s("weighted_round_robin"))));
        LANDS(store->saveSetting(s("broadcast_max"), QJsonValue(0)));
        LANDS(store->saveMitraMaxCustomers(s("m1"), 2));
        LANDS(store->saveMitraMaxCustomers(s("m2"), 0)); // unknown mitra: created
        LANDS(store->saveMitraMaxCustomers(s("m3"), 4));
        LANDS(store->saveMitraMaxCustomers(s("m3"), std::nullopt)); // back to the global
        LANDS(store->saveMitraWeight(s("m1"), 3));
        LANDS(store->saveMitraWeight(s("m2"), 1));
        LANDS(store->saveSetting(s("ui.theme"), QJsonObject{{s("dark"), true}}));
    }
    PairingSettings expected;
    expected.globalMaxCustomers = 5;
    expected.roundRobinBatch = 2;
    expected.strategy = s("weighted_round_robin");
    expected.broadcastMax = 0;
    expected.mitraMaxCustomers = {{s("m1"), 2}, {s("m2"), 0}};
    expected.mitraWeights = {{s("m1"), 3}};
    const PairingSettings loaded = load();
    QCOMPARE(loaded.globalMaxCustomers, expected.globalMaxCustomers);
    QCOMPARE(loaded.roundRobinBatch, expected.roundRobinBatch);
    QCOMPARE(loaded.strategy, expected.strategy);
    QCOMPARE(loaded.broadcastMax, expected.broadcastMax);
    QCOMPARE(loaded.mitraMaxCustomers, expected.mitraMaxCustomers);
    QCOMPARE(loaded.mitraWeights, expected.mitraWeights);
    QCOMPARE(rows(s("SELECT key, value::text FROM settings ORDER BY key")),
             (QList<QStringList>{{s("broadcast_max"), s("0")},
                                 {s("global_max_customers"), s("5")},
                                 {s("pairing_strategy"), s("\"weighted_round_robin\"")},
                                 {s("round_robin_batch"), s("2")},
                                 {s("ui.theme"), s("{\"dark\": true}")}}));
    QCOMPARE(one(s("SELECT display_name FROM mitras WHERE id = 'm1'")), s("Ayu"));

    // Removing: the configured defaults apply again.
    LANDS(store->saveGlobalMaxCustomers(std::nullopt));
    LANDS(store->saveSetting(s("broadcast_max"), QJsonValue(QJsonValue::Undefined)));
    LANDS(store->saveMitraWeight(s("m1"), 1));
    const PairingSettings after = load();
    QCOMPARE(after.globalMaxCustomers, std::optional<int>());
    QCOMPARE(after.broadcastMax, std::optional<int>());
    QCOMPARE(after.roundRobinBatch, std::optional<int>(2));
    QVERIFY(after.mitraWeights.isEmpty());
}

void TestPostgresPairing::badSettingsFailAndChangeNothing()
{
    auto store = openFreshStore();
    LANDS(store->saveGlobalMaxCustomers(3));
    LANDS(store->saveMitraWeight(s("m1"), 2));
    LANDS(store->saveMitraMaxCustomers(s("m1"), 1));
    const QList<QPair<QFuture<void>, QString>> bad{
        {store->saveSetting(s("global_max_customers"), QJsonValue(s("lots"))),
         s("settings_pairing_values_valid")},
        {store->saveSetting(s("global_max_customers"), QJsonValue(2.5)),
         s("settings_pairing_values_valid")},
        {store->saveGlobalMaxCustomers(-1), s("settings_pairing_values_valid")},
        {store->saveSetting(s("round_robin_batch"), QJsonValue(0)),
         s("settings_pairing_values_valid")},
        {store->saveSetting(s("pairing_strategy"), QJsonValue(s("lottery"))),
         s("settings_pairing_values_valid")},
        {store->saveSetting(s("broadcast_max"), QJsonValue(QJsonValue::Null)),
         s("settings_pairing_values_valid")},
        {store->saveMitraWeight(s("m1"), 0), s("mitras_weight_positive")},
        {store->saveMitraMaxCustomers(s("m1"), 1001), s("mitras_max_customers_range")},
    };
    for (const auto &[future, constraint] : bad) {
        QVERIFY(waitForFuture(future));
        QVERIFY2(failureOf(future).contains(constraint), qPrintable(failureOf(future)));
    }
    const auto loaded = store->loadPairingSettings();
    QVERIFY(waitForFuture(loaded));
    QCOMPARE(loaded.result().globalMaxCustomers, std::optional<int>(3));
    QCOMPARE(loaded.result().roundRobinBatch, std::optional<int>());
    QCOMPARE(loaded.result().strategy, std::optional<QString>());
    QCOMPARE(loaded.result().mitraWeights, (QHash<QString, int>{{s("m1"), 2}}));
    QCOMPARE(loaded.result().mitraMaxCustomers, (QHash<QString, int>{{s("m1"), 1}}));
}

void TestPostgresPairing::writesQueuedAcrossRestartAllLand()
{
    auto store = openFreshStore();
    QSignalSpy lost(store.get(), &PostgresStore::connectionLost);
    m_server.stop();
    constexpr int kLives = 10;
    const QList<Op> ops = fullLife();
    QList<QFuture<void>> writes;
    for (int k = 0; k < kLives; ++k) {
        const Ids ids{QStringLiteral("restart-r%1").arg(k), QStringLiteral("restart-s%1").arg(k)};
        for (qsizetype op = ops.size() - 1; op >= 0; --op) // the hardest order: all backwards
            writes.append(ops.at(op)(*store, ids));
    }
    writes.append(store->saveGlobalMaxCustomers(7));
    QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 15000);
    QVERIFY(store->queuedJobs() > 0);
    QVERIFY(!writes.first().isFinished());

    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    for (const QFuture<void> &write : std::as_const(writes)) {
        QVERIFY(waitForFuture(write, 60000));
        QCOMPARE(failureOf(write), QString());
    }
    QCOMPARE(checkAll(s("restart"), kLives, kFullLifeResult), QString());
    QCOMPARE(one(s("SELECT value::text FROM settings WHERE key = 'global_max_customers'")), s("7"));
}

QTEST_GUILESS_MAIN(TestPostgresPairing)
#include "tst_postgres_pairing.moc"
