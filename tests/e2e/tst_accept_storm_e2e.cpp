// End to end under load: an accept storm across two backend instances sharing one Valkey and
// one PostgreSQL. 50 mitras (25 per instance, capacity 3) accept every offer the moment it
// arrives; 100 customers (50 per instance) make 500 requests between them, each asking again
// once its previous session ended. Afterwards: exactly one session per request, no mitra ever
// above its capacity, every losing accept told so, and PostgreSQL and Valkey in agreement.
// The pairing latency is printed, never asserted.
#include "PairingHarness.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <algorithm>

using namespace hb::test;

namespace {

constexpr int kMitras = 50;
constexpr int kCustomers = 100;
constexpr int kRequestsPerCustomer = 5; // 500 requests in all
constexpr int kRequests = kCustomers * kRequestsPerCustomer;
constexpr int kCapacity = 3;
constexpr int kStormBudgetMs = 150000;
constexpr int kSettleMs = 15000;

class Storm;

// What one mitra saw of one request it was offered.
struct OfferSeen
{
    bool won = false;
    QString acceptReply;  // "session.assigned" or the error code
    QString closedReason; // of the first offer.closed
};

// A mitra app that accepts every offer at once and ends each session a short while after its
// customer saw it start, unless it is the customer's last (that one stays open, for the final
// state checks). Only mitras end sessions: a mitra then learns of each end in order with its
// own accepts, so its count of open sessions is exact and may be held against its capacity.
// (Ending before the customer saw session.started could catch the session still
// awaiting_payment; the customer would then, rightly, never see it start.)
class StormMitra
{
public:
    StormMitra(Storm &storm, AppClient &app);

    AppClient &app;
    QHash<QString, OfferSeen> offers; // by request id
    QSet<QString> open;               // session ids assigned and not ended
    int maxOpen = 0;

    // The customer saw `sid` start: end it soon (once this mitra has its session.assigned).
    void endOnceStarted(const QString &sid);

private:
    void onMessage(const QJsonObject &m);
    void endLater(const QString &sid);

    Storm &m_storm;
    QHash<QString, QString> m_acceptRefs; // accept id -> request id
    QSet<QString> m_endRefs;
    QSet<QString> m_toEnd; // started, but its session.assigned has not arrived yet
};

// A customer app making its requests one after the other.
class StormCustomer
{
public:
    StormCustomer(Storm &storm, AppClient &app);
    void sendRequest();
    bool wantsMore() const { return m_made < kRequestsPerCustomer; }
    bool done() const { return m_done; }
    // Where it is stuck, for a failure message.
    QString describe() const;
    QString currentRequest() const { return m_rid; }

    AppClient &app;
    QStringList requestIds;
    QHash<QString, int> found;        // request id -> pairing.found count
    QHash<QString, QString> bestieOf; // request id -> bestie id in pairing.found

private:
    void onMessage(const QJsonObject &m);
    void maybeNext();
    void noteRequestId(const QString &rid);

    Storm &m_storm;
    int m_made = 0;
    QString m_ref;
    QString m_rid;
    qint64 m_sentAt = 0;
    bool m_started = false;
    bool m_ended = false;
    bool m_done = false;
};

class Storm
{
public:
    QElapsedTimer clock;
    QList<qint64> latenciesMs;
    QStringList problems;
    bool aborted = false;
    QHash<QString, QString> winnerOf;          // request id -> mitra id (from session.assigned)
    QHash<QString, int> assignedCount;         // request id -> session.assigned count
    QHash<QString, StormCustomer *> customers; // by id
    QHash<QString, StormMitra *> mitras;       // by id
    int accepts = 0;

    void problem(const QString &text)
    {
        if (problems.size() < 1000)
            problems.append(text);
    }
};

StormMitra::StormMitra(Storm &storm, AppClient &a) : app(a), m_storm(storm)
{
    QObject::connect(&app.ws(), &WsTestClient::messageReceived, &app.ws(),
                     [this](const QJsonObject &m) { onMessage(m); });
}

void StormMitra::onMessage(const QJsonObject &m)
{
    const QString type = typeOf(m);
    if (type == QLatin1String("offer")) {
        const QString rid = str(m, "request_id");
        offers[rid]; // seen
        const QString id = WsTestClient::nextId();
        m_acceptRefs.insert(id, rid);
        ++m_storm.accepts;
        app.ws().send(
            msg("offer.accept", {{QStringLiteral("id"), id}, {QStringLiteral("request_id"), rid}}));
    } else if (type == QLatin1String("session.assigned")) {
        const QString rid = m_acceptRefs.value(str(m, "ref"));
        const QJsonObject session = m.value(QStringLiteral("session")).toObject();
        const QString sid = str(session, "id");
        if (rid.isEmpty() || str(session, "request_id") != rid) {
            m_storm.problem(app.id() + QStringLiteral(" got an unasked session.assigned ") +
                            compact(m));
            return;
        }
        offers[rid].won = true;
        offers[rid].acceptReply = type;
        m_storm.winnerOf.insert(rid, app.id());
        ++m_storm.assignedCount[rid];
        open.insert(sid);
        maxOpen = qMax(maxOpen, int(open.size()));
        if (m_toEnd.remove(sid))
            endLater(sid);
    } else if (type == QLatin1String("error")) {
        const QString ref = str(m, "ref");
        if (m_acceptRefs.contains(ref))
            offers[m_acceptRefs.value(ref)].acceptReply = str(m, "code");
        else if (m_endRefs.contains(ref))
            m_storm.problem(app.id() + QStringLiteral(": session.end refused: ") + compact(m));
        else
            m_storm.problem(app.id() + QStringLiteral(": ") + compact(m));
    } else if (type == QLatin1String("offer.closed")) {
        OfferSeen &seen = offers[str(m, "request_id")];
        if (seen.closedReason.isEmpty())
            seen.closedReason = str(m, "reason");
    } else if (type == QLatin1String("session.ended")) {
        open.remove(str(m, "session_id"));
    }
}

void StormMitra::endOnceStarted(const QString &sid)
{
    if (open.contains(sid))
        endLater(sid);
    else
        m_toEnd.insert(sid);
}

void StormMitra::endLater(const QString &sid)
{
    const int holdMs = 10 + int(QRandomGenerator::global()->bounded(50));
    QTimer::singleShot(holdMs, &app.ws(), [this, sid] {
        // Counted as ended when sent: an accept sent after it is handled after it.
        open.remove(sid);
        const QString id = WsTestClient::nextId();
        m_endRefs.insert(id);
        app.ws().send(
            msg("session.end", {{QStringLiteral("id"), id}, {QStringLiteral("session_id"), sid}}));
    });
}

StormCustomer::StormCustomer(Storm &storm, AppClient &a) : app(a), m_storm(storm)
{
    QObject::connect(&app.ws(), &WsTestClient::messageReceived, &app.ws(),
                     [this](const QJsonObject &m) { onMessage(m); });
}

void StormCustomer::sendRequest()
{
    ++m_made;
    m_started = m_ended = false;
    m_rid.clear();
    m_ref = WsTestClient::nextId();
    m_sentAt = m_storm.clock.elapsed();
    app.ws().send(msg("pairing.request", {{QStringLiteral("id"), m_ref}}));
}

QString StormCustomer::describe() const
{
    return QStringLiteral("%1: request %2 of %3 (%4), started %5, ended %6; last messages:\n%7")
        .arg(app.id())
        .arg(m_made)
        .arg(kRequestsPerCustomer)
        .arg(m_rid.isEmpty() ? QStringLiteral("no id yet") : m_rid)
        .arg(m_started)
        .arg(m_ended)
        .arg(app.ws().recent(4));
}

void StormCustomer::noteRequestId(const QString &rid)
{
    if (m_rid.isEmpty()) {
        m_rid = rid;
        requestIds.append(rid);
    } else if (m_rid != rid) {
        m_storm.problem(app.id() +
                        QStringLiteral(": request %1 while %2 was open").arg(rid, m_rid));
    }
}

void StormCustomer::onMessage(const QJsonObject &m)
{
    const QString type = typeOf(m);
    if (type == QLatin1String("pairing.searching") && str(m, "ref") == m_ref) {
        noteRequestId(str(m, "request_id"));
    } else if (type == QLatin1String("error")) {
        m_storm.problem(app.id() + QStringLiteral(": ") + compact(m));
        if (str(m, "ref") == m_ref) // the request itself was refused: nothing more will come
            m_storm.aborted = true;
    } else if (type == QLatin1String("pairing.found")) {
        const QString rid = str(m, "request_id");
        ++found[rid];
        bestieOf.insert(rid, str(m, "bestie", "id"));
    } else if (type == QLatin1String("session.started")) {
        noteRequestId(at(m, QStringLiteral("session.request_id")));
        if (!m_started) {
            m_started = true;
            m_storm.latenciesMs.append(m_storm.clock.elapsed() - m_sentAt);
            if (wantsMore()) {
                StormMitra *mitra = m_storm.mitras.value(at(m, QStringLiteral("session.mitra.id")));
                if (mitra)
                    mitra->endOnceStarted(at(m, QStringLiteral("session.id")));
                else
                    m_storm.problem(QStringLiteral("session with an unknown mitra: ") + compact(m));
            }
        }
        maybeNext();
    } else if (type == QLatin1String("session.ended")) {
        m_ended = true;
        maybeNext();
    } else if (type == QLatin1String("pairing.failed")) {
        m_storm.problem(app.id() + QStringLiteral(": ") + compact(m));
        m_started = m_ended = true;
        maybeNext();
    }
}

void StormCustomer::maybeNext()
{
    if (!m_started)
        return;
    if (!wantsMore())
        m_done = true;
    else if (m_ended)
        sendRequest();
}

QString flatHash(const QMap<QString, QString> &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QLatin1Char(' '));
}

qint64 percentile(QList<qint64> sorted, double p)
{
    if (sorted.isEmpty())
        return -1;
    const qsizetype i = qMin(sorted.size() - 1, qsizetype(p * double(sorted.size())));
    return sorted.at(i);
}

QString firstFew(const QStringList &items, int count = 10)
{
    return QStringLiteral("%1 in all; first: %2")
        .arg(items.size())
        .arg(items.mid(0, count).join(QStringLiteral("\n  ")));
}

} // namespace

class TestAcceptStormE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    PairingHarness m_h{m_stack};

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        const QString problems = m_h.stop();
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void everyRequestPairsExactlyOnceUnderAnAcceptStorm()
    {
        PairingSettings settings;
        settings.maxCustomers = kCapacity;
        settings.requestTimeoutS = 60;
        // Generous heartbeats: a busy test process must not take mitras offline.
        settings.heartbeatIntervalS = 2;
        settings.heartbeatTimeoutS = 30;
        QString error;
        QVERIFY2(m_h.start(settings, &error), qPrintable(error));

        Storm storm;
        std::vector<std::unique_ptr<StormMitra>> mitras;
        for (int i = 0; i < kMitras; ++i) {
            AppClient *app =
                m_h.mitra(QStringLiteral("m-%1").arg(i, 2, 10, QLatin1Char('0')), i % 2);
            QVERIFY2(app, qPrintable(m_h.lastError()));
            mitras.push_back(std::make_unique<StormMitra>(storm, *app));
            storm.mitras.insert(app->id(), mitras.back().get());
        }
        std::vector<std::unique_ptr<StormCustomer>> customers;
        for (int i = 0; i < kCustomers; ++i) {
            AppClient *app =
                m_h.customer(QStringLiteral("c-%1").arg(i, 3, 10, QLatin1Char('0')), i % 2);
            QVERIFY2(app, qPrintable(m_h.lastError()));
            customers.push_back(std::make_unique<StormCustomer>(storm, *app));
            storm.customers.insert(app->id(), customers.back().get());
        }

        storm.clock.start();
        for (auto &c : customers)
            c->sendRequest();
        const bool finished = QTest::qWaitFor(
            [&] {
                return storm.aborted || std::all_of(customers.cbegin(), customers.cend(),
                                                    [](const auto &c) { return c->done(); });
            },
            kStormBudgetMs);
        const qint64 stormMs = storm.clock.elapsed();
        QVERIFY2(!storm.aborted, qPrintable(QStringLiteral("a pairing.request was refused: ") +
                                            storm.problems.value(0)));
        QStringList stuck;
        for (const auto &c : customers) {
            if (c->done() || stuck.size() == 5)
                continue;
            const QString key = QStringLiteral("hb:req:") + c->currentRequest();
            stuck.append(c->describe() +
                         QStringLiteral("\n  %1: %2\n  %1:offers: %3")
                             .arg(key, flatHash(m_h.hash(key)),
                                  flatHash(m_h.hash(key + QStringLiteral(":offers")))));
        }
        QVERIFY2(finished,
                 qPrintable(QStringLiteral("not done within %1 ms: %2 of %3 sessions started; "
                                           "problems: %4\nstuck customers:\n%5")
                                .arg(kStormBudgetMs)
                                .arg(storm.latenciesMs.size())
                                .arg(kRequests)
                                .arg(firstFew(storm.problems), stuck.join(QLatin1Char('\n')))));

        // Every accept answered, every offer a mitra lost closed or refused.
        auto unsettled = [&] {
            QStringList out;
            for (const auto &m : mitras)
                for (auto it = m->offers.cbegin(); it != m->offers.cend(); ++it)
                    if (it->acceptReply.isEmpty() || (!it->won && it->closedReason.isEmpty() &&
                                                      it->acceptReply != QLatin1String("conflict")))
                        out.append(m->app.id() + QLatin1Char('/') + it.key());
            return out;
        };
        [[maybe_unused]] const bool settled =
            QTest::qWaitFor([&] { return unsettled().isEmpty(); }, kSettleMs); // checked below

        // Figures, for people.
        QList<qint64> sorted = storm.latenciesMs;
        std::sort(sorted.begin(), sorted.end());
        QHash<QString, int> replies, closes;
        int offered = 0;
        for (const auto &m : mitras) {
            for (const OfferSeen &o : m->offers) {
                ++offered;
                ++replies[o.acceptReply];
                ++closes[o.closedReason];
            }
        }
        qInfo("accept storm: %d requests in %lld ms; %d offers, %d accepts", kRequests, stormMs,
              offered, storm.accepts);
        qInfo("pairing latency (request sent -> session.started), ms: p50 %lld, p95 %lld, "
              "p99 %lld, max %lld (n=%lld)",
              percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
              sorted.isEmpty() ? -1 : sorted.last(), qint64(sorted.size()));
        for (auto it = replies.cbegin(); it != replies.cend(); ++it)
            qInfo("  accept answered %s: %d", qPrintable(it.key()), it.value());
        for (auto it = closes.cbegin(); it != closes.cend(); ++it)
            qInfo("  offer.closed %s: %d",
                  qPrintable(it.key().isEmpty() ? QStringLiteral("(none)") : it.key()), it.value());

        QVERIFY2(storm.problems.isEmpty(), qPrintable(firstFew(storm.problems)));
        QVERIFY2(unsettled().isEmpty(),
                 qPrintable(QStringLiteral("offers without an answer or a close: ") +
                            firstFew(unsettled())));

        // Each request exactly one session, seen once by its customer, with the winner.
        QStringList requestIds, wrong;
        for (const auto &c : customers) {
            requestIds += c->requestIds;
            for (const QString &rid : c->requestIds) {
                if (c->found.value(rid) != 1)
                    wrong.append(QStringLiteral("%1 %2: %3 pairing.found")
                                     .arg(c->app.id(), rid)
                                     .arg(c->found.value(rid)));
                if (storm.assignedCount.value(rid) != 1)
                    wrong.append(QStringLiteral("%1: %2 session.assigned")
                                     .arg(rid)
                                     .arg(storm.assignedCount.value(rid)));
                else if (c->bestieOf.value(rid) != storm.winnerOf.value(rid))
                    wrong.append(QStringLiteral("%1: found %2, assigned to %3")
                                     .arg(rid, c->bestieOf.value(rid), storm.winnerOf.value(rid)));
            }
        }
        QCOMPARE(requestIds.size(), kRequests);
        QCOMPARE(QSet<QString>(requestIds.cbegin(), requestIds.cend()).size(), kRequests);
        QCOMPARE(storm.latenciesMs.size(), kRequests);
        QVERIFY2(wrong.isEmpty(), qPrintable(firstFew(wrong)));

        // No mitra above its capacity, as it saw its own sessions.
        QStringList over;
        for (const auto &m : mitras)
            if (m->maxOpen > kCapacity)
                over.append(QStringLiteral("%1 had %2 open").arg(m->app.id()).arg(m->maxOpen));
        QVERIFY2(over.isEmpty(), qPrintable(firstFew(over)));

        // Every losing accept was told: offer.closed taken, or conflict, or (a mitra that won
        // other requests meanwhile) capacity_full with its offer closed as expired, so the
        // request moved on instead of waiting for an offer that could not be accepted.
        QStringList untold;
        for (const auto &m : mitras)
            for (auto it = m->offers.cbegin(); it != m->offers.cend(); ++it)
                if (!it->won && it->closedReason != QLatin1String("taken") &&
                    it->acceptReply != QLatin1String("conflict") &&
                    !(it->acceptReply == QLatin1String("capacity_full") &&
                      it->closedReason == QLatin1String("expired")))
                    untold.append(
                        QStringLiteral("%1/%2: accept -> %3, closed %4")
                            .arg(m->app.id(), it.key(), it->acceptReply, it->closedReason));
        QVERIFY2(untold.isEmpty(), qPrintable(firstFew(untold)));

        // PostgreSQL: one session per request, every request matched.
        QTRY_COMPARE_WITH_TIMEOUT(m_h.sqlText(QStringLiteral(
                                      "select count(*), count(distinct request_id) from sessions")),
                                  QStringLiteral("%1|%1").arg(kRequests), kSettleMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_h.sqlText(QStringLiteral("select status, count(*) from pairing_requests group by "
                                       "status")),
            QStringLiteral("matched|%1").arg(kRequests), kSettleMs);
        QStringList pgRequests;
        for (const QStringList &row : m_h.sql(QStringLiteral("select request_id from sessions")))
            pgRequests.append(row.value(0));
        pgRequests.sort();
        requestIds.sort();
        QVERIFY2(pgRequests == requestIds, "the requests in PostgreSQL are not the ones sent");

        // PostgreSQL and Valkey agree on what is open: each customer's last session. (Sorted
        // here, not by PostgreSQL, whose collation may order ids differently.)
        auto pgOpen = [&]() -> QString {
            QStringList ids;
            for (const QStringList &row :
                 m_h.sql(QStringLiteral("select id from sessions where state <> 'ended'")))
                ids.append(row.value(0));
            ids.sort();
            return ids.join(QLatin1Char(','));
        };
        QTRY_COMPARE_WITH_TIMEOUT(pgOpen(), m_h.members(QStringLiteral("hb:sessions:open")),
                                  kSettleMs);
        QCOMPARE(pgOpen().split(QLatin1Char(',')).size(), kCustomers);

        // And per mitra: `active` is its open sessions, never above capacity.
        QHash<QString, QStringList> pgByMitra;
        for (const QStringList &row : m_h.sql(QStringLiteral(
                 "select a.mitra_id, s.id from sessions s join session_assignments a on "
                 "a.session_id = s.id and a.unassigned_at is null where s.state <> 'ended'")))
            pgByMitra[row.value(0)].append(row.value(1));
        QStringList pgView, valkeyView;
        for (const auto &m : mitras) {
            const QString id = m->app.id();
            QStringList pgIds = pgByMitra.value(id);
            pgIds.sort();
            pgView.append(QStringLiteral("%1 %2 [%3]")
                              .arg(id)
                              .arg(pgIds.size())
                              .arg(pgIds.join(QLatin1Char(','))));
            const int active = m_h.active(id);
            valkeyView.append(
                QStringLiteral("%1 %2 [%3]")
                    .arg(id)
                    .arg(active)
                    .arg(m_h.members(QStringLiteral("hb:mitra:%1:sessions").arg(id))));
            QVERIFY2(active <= kCapacity,
                     qPrintable(QStringLiteral("%1 active %2").arg(id).arg(active)));
        }
        QCOMPARE(valkeyView.join(QStringLiteral("; ")), pgView.join(QStringLiteral("; ")));
    }
};

QTEST_GUILESS_MAIN(TestAcceptStormE2e)
#include "tst_accept_storm_e2e.moc"
