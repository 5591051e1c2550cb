// End to end: what staff watch, against two real backends sharing one Valkey and one database.
// Covers: stats.subscribe (the reply at once, then pushes that follow every change whichever
// instance made it, equal on both instances and to the truth read from the stores), coalescing
// of a burst of changes, a fresh snapshot after the pub/sub connection comes back,
// sessions.list, requests.list, presence.history, and who may send these messages.
#include "PairingHarness.h"
#include "protocol/Time.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace hb::test;

namespace {

constexpr int A = 0; // backend inst-a
constexpr int B = 1; // backend inst-b
// How long a pushed snapshot may take to reflect a change (coalescing waits at most 100 ms).
constexpr int kConvergeMs = 5000;

const QStringList kStaffMessages{QStringLiteral("stats.subscribe"), QStringLiteral("sessions.list"),
                                 QStringLiteral("requests.list"),
                                 QStringLiteral("presence.history")};

// A staff message of `type` with whatever fields it needs to be valid.
QJsonObject staffMessage(const QString &type)
{
    QJsonObject o{{QStringLiteral("type"), type}};
    if (type == QLatin1String("presence.history")) {
        o.insert(QStringLiteral("mitra_id"), QStringLiteral("m-1"));
        o.insert(QStringLiteral("from"), QStringLiteral("2020-01-01T00:00:00.000Z"));
        o.insert(QStringLiteral("to"), QStringLiteral("2030-01-01T00:00:00.000Z"));
    }
    return o;
}

QJsonObject history(const QString &mitra, qint64 fromMs, qint64 toMs)
{
    return msg("presence.history",
               {{QStringLiteral("mitra_id"), mitra},
                {QStringLiteral("from"),
                 QDateTime::fromMSecsSinceEpoch(fromMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                {QStringLiteral("to"),
                 QDateTime::fromMSecsSinceEpoch(toMs, Qt::UTC).toString(Qt::ISODateWithMs)}});
}

// A stats message without what differs between two snapshots of the same state.
QJsonObject content(QJsonObject stats)
{
    stats.remove(QStringLiteral("at"));
    stats.remove(QStringLiteral("ref"));
    return stats;
}

} // namespace

class TestStatsE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    PairingHarness m_h{m_stack};
    std::vector<std::unique_ptr<AppClient>> m_staff;
    // Display names the mitras' tokens carry: what `stats` must show.
    QMap<QString, QString> m_names;

    AppClient *staff(const QString &id, int backend, bool supervisor)
    {
        auto app = std::make_unique<AppClient>(hb::Role::Staff, id, id,
                                               m_stack.staffToken(id, supervisor));
        if (app->connectTo(m_h.url(backend)).isEmpty())
            return nullptr;
        m_staff.push_back(std::move(app));
        return m_staff.back().get();
    }

    AppClient *mitra(const QString &id, int backend, const QString &name, bool online = true)
    {
        m_names.insert(id, name);
        return m_h.mitra(id, backend, online, name);
    }

    // The stats staff should see now, counted from Valkey's sets and hashes: a mitra is listed
    // while online or serving open sessions; its sessions are counted from the session hashes
    // (not from the mitra's own counter, which is what the backend reads).
    QJsonObject truth() const
    {
        const QStringList online =
            m_stack.valkeyList({QStringLiteral("ZRANGE"), QStringLiteral("hb:presence:online"),
                                QStringLiteral("0"), QStringLiteral("-1")});
        const QStringList open =
            m_stack.valkeyList({QStringLiteral("SMEMBERS"), QStringLiteral("hb:sessions:open")});
        QMap<QString, int> sessionsOf;
        for (const QString &sid : open)
            ++sessionsOf[m_h.hget(QStringLiteral("hb:session:") + sid, QStringLiteral("mitra"))];
        QStringList listed = online;
        for (auto it = sessionsOf.cbegin(); it != sessionsOf.cend(); ++it)
            if (!listed.contains(it.key()))
                listed.append(it.key());
        listed.sort();
        const int globalCap =
            m_h.hget(QStringLiteral("hb:settings"), QStringLiteral("global_cap")).toInt();
        QJsonArray mitras;
        for (const QString &id : listed) {
            const QMap<QString, QString> h = m_h.hash(QStringLiteral("hb:mitra:") + id);
            const bool own = h.contains(QStringLiteral("cap"));
            const int max = own ? h.value(QStringLiteral("cap")).toInt() : globalCap;
            // When the status began: the hash's `since`, unknown (null) without a status.
            const QJsonValue since =
                h.contains(QStringLiteral("status")) && h.contains(QStringLiteral("since"))
                    ? QJsonValue(hb::isoTime(h.value(QStringLiteral("since")).toLongLong()))
                    : QJsonValue(QJsonValue::Null);
            mitras.append(QJsonObject{
                {QStringLiteral("id"), id},
                {QStringLiteral("name"), m_names.value(id, id)},
                {QStringLiteral("status"), h.value(QStringLiteral("status"))},
                {QStringLiteral("active_sessions"), sessionsOf.value(id)},
                {QStringLiteral("max_customers"), max},
                {QStringLiteral("capacity_source"),
                 own ? QStringLiteral("mitra") : QStringLiteral("global")},
                {QStringLiteral("status_since"), since},
                {QStringLiteral("over_capacity"), sessionsOf.value(id) > max},
            });
        }
        const int pending = QString::fromUtf8(m_stack.valkey({QStringLiteral("ZCARD"),
                                                              QStringLiteral("hb:requests:open")}))
                                .trimmed()
                                .toInt();
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("stats")},
                           {QStringLiteral("active_chats"), int(open.size())},
                           {QStringLiteral("active_mitras"), int(online.size())},
                           {QStringLiteral("pending_requests"), pending},
                           {QStringLiteral("default_max_customers"), globalCap},
                           {QStringLiteral("mitras"), mitras}};
    }

    // The open sessions and their mitras, "sid:mitra" sorted, as Valkey and as PostgreSQL say.
    QString openSessionsValkey() const
    {
        QStringList rows;
        for (const QString &sid :
             m_stack.valkeyList({QStringLiteral("SMEMBERS"), QStringLiteral("hb:sessions:open")}))
            rows.append(sid + QLatin1Char(':') +
                        m_h.hget(QStringLiteral("hb:session:") + sid, QStringLiteral("mitra")));
        rows.sort();
        return rows.join(QLatin1Char(','));
    }
    QString openSessionsPostgres() const
    {
        QStringList rows;
        for (const QStringList &row : m_h.sql(QStringLiteral(
                 "select s.id || ':' || a.mitra_id from sessions s join session_assignments a "
                 "on a.session_id = s.id and a.unassigned_at is null where s.state <> 'ended'")))
            rows.append(row.value(0));
        rows.sort();
        return rows.join(QLatin1Char(','));
    }

    static QJsonObject latestStats(AppClient &app)
    {
        const QList<QJsonObject> all = app.ws().receivedOfType(QStringLiteral("stats"));
        return all.isEmpty() ? QJsonObject() : all.last();
    }
    static int statsCount(AppClient &app)
    {
        return int(app.ws().receivedOfType(QStringLiteral("stats")).size());
    }

    // After a step: the latest stats each watcher got equal the truth (within kConvergeMs), and
    // PostgreSQL's open sessions agree with Valkey's.
    void converged(const QList<AppClient *> &watchers, const char *step)
    {
        const QJsonObject expected = truth();
        for (AppClient *w : watchers) {
            const bool same =
                QTest::qWaitFor([&] { return content(latestStats(*w)) == expected; }, kConvergeMs);
            QVERIFY2(same, qPrintable(QStringLiteral("%1: %2 shows %3\nexpected %4")
                                          .arg(QLatin1String(step), w->id(),
                                               compact(latestStats(*w)), compact(expected))));
        }
        const QString live = openSessionsValkey();
        QVERIFY2(QTest::qWaitFor([&] { return openSessionsPostgres() == live; }, kConvergeMs),
                 qPrintable(QStringLiteral("%1: open sessions in PostgreSQL %2, in Valkey %3")
                                .arg(QLatin1String(step), openSessionsPostgres(), live)));
    }

    QJsonObject setPresence(AppClient &m, const char *status)
    {
        return m.call(msg("presence.set", {{QStringLiteral("status"), QLatin1String(status)}}));
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_staff.clear();
        m_names.clear();
        const QString problems = m_h.stop();
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    // A stream of pairings and ends across both instances: after each step both subscribers
    // (a viewer on A, a supervisor on B) show the truth.
    void statsFollowEveryChangeOnEveryInstance()
    {
        HB_START(PairingSettings{});
        AppClient *watchA = staff(QStringLiteral("staff-a"), A, false);
        AppClient *watchB = staff(QStringLiteral("staff-b"), B, true);
        QVERIFY(watchA && watchB);
        const QList<AppClient *> watchers{watchA, watchB};

        // The reply comes at once, with ref, and shows the empty system.
        HB_CALL(first, *watchA, msg("stats.subscribe"), "stats");
        QVERIFY2(first.contains(QStringLiteral("ref")), qPrintable(compact(first)));
        QCOMPARE(first.value(QStringLiteral("active_chats")).toInt(-1), 0);
        QCOMPARE(first.value(QStringLiteral("mitras")).toArray().size(), 0);
        QVERIFY2(qAbs(isoMs(first.value(QStringLiteral("at"))) - nowMs()) < 5000,
                 qPrintable(compact(first)));
        HB_CALL(firstB, *watchB, msg("stats.subscribe"), "stats");
        HB_DO(converged(watchers, "subscribed"));

        AppClient *sari = mitra(QStringLiteral("m-1"), A, QStringLiteral("Sari"));
        QVERIFY(sari);
        HB_DO(converged(watchers, "m-1 online on A"));
        AppClient *dewi = mitra(QStringLiteral("m-2"), B, QStringLiteral("Dewi"));
        QVERIFY(dewi);
        AppClient *ayu = mitra(QStringLiteral("m-3"), B, QStringLiteral("Ayu"));
        QVERIFY(ayu);
        HB_DO(converged(watchers, "m-2, m-3 online on B"));
        QCOMPARE(latestStats(*watchA).value(QStringLiteral("active_mitras")).toInt(), 3);

        HB_CUSTOMER(rina, QStringLiteral("c-1"), A, QStringLiteral("Rina"));
        HB_CUSTOMER(tono, QStringLiteral("c-2"), B, QStringLiteral("Tono"));
        HB_CUSTOMER(lia, QStringLiteral("c-3"), A, QStringLiteral("Lia"));
        HB_CUSTOMER(budi, QStringLiteral("c-4"), B, QStringLiteral("Budi"));

        Pairing p1;
        HB_DO(pairUp(*rina, *sari, &p1));
        HB_DO(converged(watchers, "c-1 paired with m-1"));
        Pairing p2;
        HB_DO(pairUp(*tono, *sari, &p2));
        HB_DO(converged(watchers, "c-2 paired with m-1"));
        Pairing p3;
        HB_DO(pairUp(*lia, *dewi, &p3));
        HB_DO(converged(watchers, "c-3 paired with m-2"));
        {
            const QJsonObject s = latestStats(*watchB);
            QCOMPARE(s.value(QStringLiteral("active_chats")).toInt(), 3);
            const QJsonObject m1 = s.value(QStringLiteral("mitras")).toArray().at(0).toObject();
            QCOMPARE(m1.value(QStringLiteral("id")).toString(), QStringLiteral("m-1"));
            QCOMPARE(m1.value(QStringLiteral("name")).toString(), QStringLiteral("Sari"));
            QCOMPARE(m1.value(QStringLiteral("active_sessions")).toInt(), 2);
            QCOMPARE(m1.value(QStringLiteral("max_customers")).toInt(), 3);
            QCOMPARE(m1.value(QStringLiteral("capacity_source")).toString(),
                     QStringLiteral("global"));
        }

        // A request nobody takes yet: pending.
        QString waiting;
        HB_DO(requestPairing(*budi, &waiting));
        HB_DO(converged(watchers, "c-4 searching"));
        QCOMPARE(latestStats(*watchA).value(QStringLiteral("pending_requests")).toInt(), 1);

        // m-1 goes offline with two running sessions: still listed, as offline.
        QCOMPARE(str(setPresence(*sari, "offline"), "status"), QStringLiteral("offline"));
        HB_DO(converged(watchers, "m-1 offline with sessions"));
        {
            const QJsonObject m1 =
                latestStats(*watchA).value(QStringLiteral("mitras")).toArray().at(0).toObject();
            QCOMPARE(m1.value(QStringLiteral("status")).toString(), QStringLiteral("offline"));
            QCOMPARE(m1.value(QStringLiteral("active_sessions")).toInt(), 2);
        }

        // m-3 takes the waiting request (from instance B).
        HB_TAKE(offer, *ayu, expect("offer", "request_id", waiting));
        HB_CALL(assigned, *ayu, msg("offer.accept", {{QStringLiteral("request_id"), waiting}}),
                "session.assigned");
        HB_DO(converged(watchers, "c-4 paired with m-3"));

        // Ends, from either side, on either instance.
        HB_CALL(end1, *rina, msg("session.end", {{QStringLiteral("session_id"), p1.sessionId}}),
                "session.ended");
        HB_DO(converged(watchers, "c-1 ended"));
        HB_CALL(end2, *sari, msg("session.end", {{QStringLiteral("session_id"), p2.sessionId}}),
                "session.ended");
        HB_DO(converged(watchers, "m-1 ended c-2 (m-1 leaves the list)"));
        for (const QJsonValue &m : latestStats(*watchA).value(QStringLiteral("mitras")).toArray())
            QVERIFY2(m.toObject().value(QStringLiteral("id")).toString() != QLatin1String("m-1"),
                     qPrintable(compact(latestStats(*watchA))));

        // A request made and cancelled.
        QString cancelled;
        HB_DO(requestPairing(*rina, &cancelled));
        HB_DO(converged(watchers, "c-1 searching again"));
        HB_CALL(gone, *rina, msg("pairing.cancel", {{QStringLiteral("request_id"), cancelled}}),
                "pairing.cancelled");
        HB_DO(converged(watchers, "c-1 cancelled"));

        // Pushes never carry a ref; the replies did.
        const QList<QJsonObject> all = watchA->ws().receivedOfType(QStringLiteral("stats"));
        QVERIFY(all.size() > 10);
        for (qsizetype i = 1; i < all.size(); ++i)
            QVERIFY2(!all.at(i).contains(QStringLiteral("ref")), qPrintable(compact(all.at(i))));
    }

    // 50 changes within a second give at most ~11 pushes per subscriber, the last one right:
    // once all at once, once spread over a second (then pushes keep coming during the burst,
    // one per 100 ms at most).
    void burstsAreCoalesced_data()
    {
        QTest::addColumn<int>("paceMs");
        QTest::newRow("all at once") << 0;
        QTest::newRow("over a second") << 18;
    }

    void burstsAreCoalesced()
    {
        QFETCH(int, paceMs);
        HB_START(PairingSettings{});
        AppClient *watchA = staff(QStringLiteral("staff-a"), A, false);
        AppClient *watchB = staff(QStringLiteral("staff-b"), B, false);
        QVERIFY(watchA && watchB);
        QList<AppClient *> mitras;
        for (int i = 0; i < 5; ++i) {
            AppClient *m = mitra(QStringLiteral("m-%1").arg(i), i % 2,
                                 QStringLiteral("Mitra %1").arg(i), false);
            QVERIFY(m);
            mitras.append(m);
        }
        HB_CALL(first, *watchA, msg("stats.subscribe"), "stats");
        HB_CALL(firstB, *watchB, msg("stats.subscribe"), "stats");
        HB_DO(converged({watchA, watchB}, "subscribed"));
        QTest::qWait(300); // nothing in flight

        QList<qint64> arrivals; // of pushes on A
        QObject::connect(&watchA->ws(), &WsTestClient::messageReceived, &watchA->ws(),
                         [&arrivals](const QJsonObject &m) {
                             if (typeOf(m) == QLatin1String("stats"))
                                 arrivals.append(nowMs());
                         });
        const int beforeB = statsCount(*watchB);

        // Every presence.set flips its mitra (5 mitras, 10 rounds): 50 transitions, each sent
        // without waiting for the reply.
        QElapsedTimer burst;
        burst.start();
        for (int round = 0; round < 10; ++round) {
            for (AppClient *m : mitras) {
                QJsonObject set =
                    msg("presence.set",
                        {{QStringLiteral("status"),
                          round % 2 == 0 ? QStringLiteral("online") : QStringLiteral("offline")}});
                set.insert(QStringLiteral("id"), WsTestClient::nextId());
                m->ws().send(set);
                if (paceMs > 0)
                    QTest::qWait(paceMs);
            }
        }
        for (AppClient *m : mitras) {
            for (int round = 0; round < 10; ++round) {
                HB_TAKE(reply, *m, expect("presence"));
            }
        }
        const qint64 burstMs = burst.elapsed();
        HB_DO(converged({watchA, watchB}, "after the burst"));
        QTest::qWait(300); // a trailing push, if any, has come
        const int pushesA = int(arrivals.size());
        const int pushesB = statsCount(*watchB) - beforeB;
        // 10 per second, plus one for the push that starts the burst.
        const int allowed = int(qMax<qint64>(burstMs, 1000) / 100) + 2;
        qInfo("burst of 50 changes took %lld ms: %d pushes on A, %d on B (allowed %d)", burstMs,
              pushesA, pushesB, allowed);
        QVERIFY2(pushesA >= 1 && pushesA <= allowed, qPrintable(QString::number(pushesA)));
        QVERIFY2(pushesB >= 1 && pushesB <= allowed, qPrintable(QString::number(pushesB)));
        // Never more than 11 within any second.
        for (qsizetype i = 0; i + 11 < arrivals.size(); ++i)
            QVERIFY2(arrivals.at(i + 11) - arrivals.at(i) >= 1000,
                     qPrintable(QStringLiteral("12 pushes within %1 ms")
                                    .arg(arrivals.at(i + 11) - arrivals.at(i))));
        // Coalesced, not held back: a long burst is shown while it runs.
        if (paceMs > 0)
            QVERIFY2(pushesA >= 3, qPrintable(QString::number(pushesA)));
    }

    // A lost pub/sub connection: the backends subscribe again and push a fresh snapshot, so a
    // change made meanwhile is not missed.
    void freshSnapshotAfterResubscribe()
    {
        HB_START(PairingSettings{});
        AppClient *watchA = staff(QStringLiteral("staff-a"), A, false);
        QVERIFY(watchA);
        AppClient *sari = mitra(QStringLiteral("m-1"), B, QStringLiteral("Sari"));
        QVERIFY(sari);
        HB_CALL(first, *watchA, msg("stats.subscribe"), "stats");
        HB_DO(converged({watchA}, "subscribed"));
        const int before = statsCount(*watchA);
        m_stack.valkey({QStringLiteral("CLIENT"), QStringLiteral("KILL"), QStringLiteral("TYPE"),
                        QStringLiteral("pubsub")});
        QVERIFY2(QTest::qWaitFor([&] { return statsCount(*watchA) > before; }, kConvergeMs),
                 "no snapshot after the subscription came back");
        QCOMPARE(str(setPresence(*sari, "offline"), "status"), QStringLiteral("offline"));
        HB_DO(converged({watchA}, "change after resubscribe"));
    }

    void sessionsAndRequestsLists()
    {
        HB_START(PairingSettings{});
        AppClient *viewer = staff(QStringLiteral("staff-v"), B, false);
        QVERIFY(viewer);
        AppClient *sari = mitra(QStringLiteral("m-1"), A, QStringLiteral("Sari"));
        AppClient *dewi = mitra(QStringLiteral("m-2"), B, QStringLiteral("Dewi"));
        QVERIFY(sari && dewi);
        HB_CUSTOMER(rina, QStringLiteral("c-1"), A, QStringLiteral("Rina"));
        HB_CUSTOMER(tono, QStringLiteral("c-2"), B, QStringLiteral("Tono"));
        HB_CUSTOMER(lia, QStringLiteral("c-3"), A, QStringLiteral("Lia"));
        HB_CUSTOMER(budi, QStringLiteral("c-4"), B, QStringLiteral("Budi"));

        HB_CALL(none, *viewer, msg("sessions.list"), "sessions");
        QCOMPARE(none.value(QStringLiteral("sessions")).toArray().size(), 0);
        HB_CALL(noRequests, *viewer, msg("requests.list"), "requests");
        QCOMPARE(noRequests.value(QStringLiteral("requests")).toArray().size(), 0);

        Pairing p1, p2;
        HB_DO(pairUp(*rina, *sari, &p1));
        QTest::qWait(5); // distinct start times, so the order is by time
        HB_DO(pairUp(*tono, *dewi, &p2));
        QString r3, r4;
        // Offline mitras get no offers: both requests stay open.
        QCOMPARE(str(setPresence(*dewi, "offline"), "status"), QStringLiteral("offline"));
        HB_DO(requestPairing(*lia, &r3));
        HB_TAKE(offer3, *sari, expect("offer", "request_id", r3));
        QTest::qWait(5);
        QCOMPARE(str(setPresence(*sari, "offline"), "status"), QStringLiteral("offline"));
        HB_DO(requestPairing(*budi, &r4));

        HB_CALL(list, *viewer, msg("sessions.list"), "sessions");
        const QJsonArray sessions = list.value(QStringLiteral("sessions")).toArray();
        QCOMPARE(sessions.size(), 2);
        const QList<Pairing> pairs{p1, p2};
        for (int i = 0; i < 2; ++i) {
            const QJsonObject s = sessions.at(i).toObject();
            QJsonObject expected = pairs.at(i).session;
            expected.insert(QStringLiteral("state"), QStringLiteral("active"));
            QVERIFY2(s == expected,
                     qPrintable(compact(s) + QStringLiteral(" != ") + compact(expected)));
        }

        HB_CALL(requests, *viewer, msg("requests.list"), "requests");
        const QJsonArray open = requests.value(QStringLiteral("requests")).toArray();
        QCOMPARE(open.size(), 2);
        const QList<std::pair<QString, AppClient *>> expected{{r3, lia}, {r4, budi}};
        for (int i = 0; i < 2; ++i) {
            const QJsonObject r = open.at(i).toObject();
            const QString rid = expected.at(i).first;
            QCOMPARE(str(r, "request_id"), rid);
            QCOMPARE(str(r, "customer", "id"), expected.at(i).second->id());
            QCOMPARE(str(r, "customer", "name"), expected.at(i).second->name());
            QCOMPARE(
                isoMs(r.value(QStringLiteral("created_at"))),
                m_h.hget(QStringLiteral("hb:req:") + rid, QStringLiteral("created")).toLongLong());
            QCOMPARE(
                r.value(QStringLiteral("offered_to")).toInt(-1),
                int(m_h.hash(QStringLiteral("hb:req:") + rid + QStringLiteral(":offers")).size()));
        }
        // r3 was offered to m-1 (the only one online then), r4 to nobody.
        QCOMPARE(open.at(0).toObject().value(QStringLiteral("offered_to")).toInt(), 1);
        QCOMPARE(open.at(1).toObject().value(QStringLiteral("offered_to")).toInt(), 0);

        // An ended session leaves the list.
        HB_CALL(ended, *rina, msg("session.end", {{QStringLiteral("session_id"), p1.sessionId}}),
                "session.ended");
        HB_CALL(after, *viewer, msg("sessions.list"), "sessions");
        const QJsonArray left = after.value(QStringLiteral("sessions")).toArray();
        QCOMPARE(left.size(), 1);
        QCOMPARE(str(left.at(0).toObject(), "id"), p2.sessionId);
    }

    void presenceHistoryFromTheDurableLog()
    {
        HB_START(PairingSettings{});
        AppClient *viewer = staff(QStringLiteral("staff-v"), A, false);
        QVERIFY(viewer);
        const qint64 t0 = nowMs();
        AppClient *sari = mitra(QStringLiteral("m-1"), B, QStringLiteral("Sari"));
        QVERIFY(sari);
        QTest::qWait(50);
        QCOMPARE(str(setPresence(*sari, "offline"), "status"), QStringLiteral("offline"));
        QTest::qWait(50);
        const qint64 between = nowMs();
        QTest::qWait(50);
        QCOMPARE(str(setPresence(*sari, "online"), "status"), QStringLiteral("online"));
        const QString pgQuery = QStringLiteral(
            "select floor(extract(epoch from online_at) * 1000)::bigint, "
            "coalesce(floor(extract(epoch from offline_at) * 1000)::bigint::text, 'null'), "
            "coalesce(reason, 'null') from presence_intervals where mitra_id = 'm-1' "
            "order by online_at");
        QVERIFY2(QTest::qWaitFor([&] { return m_h.sql(pgQuery).size() == 2; }, kConvergeMs),
                 qPrintable(m_h.sqlText(pgQuery)));
        const QList<QStringList> rows = m_h.sql(pgQuery);

        const auto asRows = [](const QJsonObject &reply) {
            QList<QStringList> out;
            for (const QJsonValue &v : reply.value(QStringLiteral("intervals")).toArray()) {
                const QJsonObject i = v.toObject();
                const QJsonValue off = i.value(QStringLiteral("offline_at"));
                const QJsonValue reason = i.value(QStringLiteral("reason"));
                out.append({QString::number(isoMs(i.value(QStringLiteral("online_at")))),
                            off.isNull() ? QStringLiteral("null") : QString::number(isoMs(off)),
                            reason.isNull() ? QStringLiteral("null") : reason.toString()});
            }
            return out;
        };

        // Both intervals, oldest first; the second still open.
        HB_CALL(all, *viewer, history(QStringLiteral("m-1"), t0 - 1000, nowMs() + 1000),
                "presence.history");
        QCOMPARE(str(all, "mitra_id"), QStringLiteral("m-1"));
        QCOMPARE(asRows(all), rows);
        QCOMPARE(rows.at(0).at(2), QStringLiteral("manual"));
        QCOMPARE(rows.at(1).at(1), QStringLiteral("null"));
        // Only the first, closed before the second began.
        HB_CALL(early, *viewer, history(QStringLiteral("m-1"), t0 - 1000, between),
                "presence.history");
        QCOMPARE(asRows(early), rows.mid(0, 1));
        // Only the open one: nothing else overlaps a range after the first closed.
        HB_CALL(late, *viewer, history(QStringLiteral("m-1"), between, between + 100000),
                "presence.history");
        QCOMPARE(asRows(late), rows.mid(1, 1));
        // A range before anything: empty.
        HB_CALL(before, *viewer, history(QStringLiteral("m-1"), t0 - 100000, t0 - 50000),
                "presence.history");
        QCOMPARE(before.value(QStringLiteral("intervals")).toArray().size(), 0);

        HB_CALL_ERROR(*viewer, history(QStringLiteral("m-nobody"), t0, nowMs()),
                      QStringList{QStringLiteral("not_found")});
        HB_CALL_ERROR(*viewer, history(QStringLiteral("m-1"), nowMs(), t0),
                      QStringList{QStringLiteral("bad_request")});
    }

    // Staff lower a capacity below what a mitra is running: its sessions stay, and stats show
    // it as over capacity (and the capacity in force, and since when each status holds) until
    // enough of them end.
    void overCapacityAfterLoweringCapacity()
    {
        HB_START(PairingSettings{}); // global capacity 3
        AppClient *boss = staff(QStringLiteral("staff-boss"), B, true);
        AppClient *watch = staff(QStringLiteral("staff-watch"), A, false);
        QVERIFY(boss && watch);
        const QList<AppClient *> watchers{boss, watch};
        HB_CALL(subscribed, *watch, msg("stats.subscribe"), "stats");
        QCOMPARE(subscribed.value(QStringLiteral("default_max_customers")).toInt(), 3);
        HB_CALL(subscribedB, *boss, msg("stats.subscribe"), "stats");

        AppClient *sari = mitra(QStringLiteral("m-1"), A, QStringLiteral("Sari"));
        AppClient *dewi = mitra(QStringLiteral("m-2"), B, QStringLiteral("Dewi"), false);
        QVERIFY(sari && dewi);
        const qint64 sariOnline =
            isoMs(sari->ws().receivedOfType(QStringLiteral("presence")).last().value(
                QStringLiteral("since")));
        QVERIFY(sariOnline > 0);
        QList<Pairing> pairings;
        for (int i = 0; i < 3; ++i) {
            HB_CUSTOMER(c, QStringLiteral("c-%1").arg(i), i % 2, QStringLiteral("C%1").arg(i));
            Pairing p;
            HB_DO(pairUp(*c, *sari, &p));
            pairings.append(p);
        }
        HB_DO(converged(watchers, "m-1 full"));
        const auto row = [&](AppClient &w, const QString &id) {
            for (const QJsonValue &m : latestStats(w).value(QStringLiteral("mitras")).toArray())
                if (m.toObject().value(QStringLiteral("id")).toString() == id)
                    return m.toObject();
            return QJsonObject();
        };
        QCOMPARE(row(*watch, QStringLiteral("m-1")).value(QStringLiteral("over_capacity")),
                 QJsonValue(false));
        QCOMPARE(isoMs(row(*watch, QStringLiteral("m-1")).value(QStringLiteral("status_since"))),
                 sariOnline);

        // Its own capacity 1: three sessions run on, shown over capacity.
        HB_CALL(lowered, *boss,
                msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                     {QStringLiteral("mitra_id"), QStringLiteral("m-1")},
                                     {QStringLiteral("max_customers"), 1}}),
                "capacity.updated");
        HB_DO(converged(watchers, "m-1 capacity 1"));
        QJsonObject m1 = row(*watch, QStringLiteral("m-1"));
        QCOMPARE(m1.value(QStringLiteral("active_sessions")).toInt(), 3);
        QCOMPARE(m1.value(QStringLiteral("max_customers")).toInt(), 1);
        QCOMPARE(m1.value(QStringLiteral("capacity_source")).toString(), QStringLiteral("mitra"));
        QCOMPARE(m1.value(QStringLiteral("over_capacity")), QJsonValue(true));
        QCOMPARE(m_stack.valkeyList({QStringLiteral("SMEMBERS"), QStringLiteral("hb:sessions:open")})
                     .size(),
                 3);

        // Back to the global value, lowered to 2: still over; the default shows the new value.
        HB_CALL(global, *boss,
                msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("global")},
                                     {QStringLiteral("max_customers"), 2}}),
                "capacity.updated");
        HB_CALL(back, *boss,
                msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                     {QStringLiteral("mitra_id"), QStringLiteral("m-1")},
                                     {QStringLiteral("max_customers"), QJsonValue()}}),
                "capacity.updated");
        HB_DO(converged(watchers, "global capacity 2"));
        QCOMPARE(latestStats(*watch).value(QStringLiteral("default_max_customers")).toInt(), 2);
        m1 = row(*watch, QStringLiteral("m-1"));
        QCOMPARE(m1.value(QStringLiteral("max_customers")).toInt(), 2);
        QCOMPARE(m1.value(QStringLiteral("capacity_source")).toString(), QStringLiteral("global"));
        QCOMPARE(m1.value(QStringLiteral("over_capacity")), QJsonValue(true));

        // One session ends: 2 of 2 is full, not over. The status time did not move.
        HB_CALL(ended, *sari,
                msg("session.end", {{QStringLiteral("session_id"), pairings.at(0).sessionId}}),
                "session.ended");
        HB_DO(converged(watchers, "one session ended"));
        m1 = row(*watch, QStringLiteral("m-1"));
        QCOMPARE(m1.value(QStringLiteral("active_sessions")).toInt(), 2);
        QCOMPARE(m1.value(QStringLiteral("over_capacity")), QJsonValue(false));
        QCOMPARE(isoMs(m1.value(QStringLiteral("status_since"))), sariOnline);

        // Going offline starts a new status time: the one the mitra was told.
        const QJsonObject off = setPresence(*sari, "offline");
        QCOMPARE(str(off, "status"), QStringLiteral("offline"));
        HB_DO(converged(watchers, "m-1 offline"));
        QCOMPARE(isoMs(row(*watch, QStringLiteral("m-1")).value(QStringLiteral("status_since"))),
                 isoMs(off.value(QStringLiteral("since"))));
        QVERIFY(row(*watch, QStringLiteral("m-2")).isEmpty()); // offline, no sessions: not listed
    }

    void onlyStaffMayWatch()
    {
        HB_START(PairingSettings{});
        AppClient *sari = mitra(QStringLiteral("m-1"), A, QStringLiteral("Sari"));
        QVERIFY(sari);
        HB_CUSTOMER(rina, QStringLiteral("c-1"), B, QStringLiteral("Rina"));
        AppClient *viewer = staff(QStringLiteral("staff-v"), B, false);
        QVERIFY(viewer);
        for (const QString &type : kStaffMessages) {
            HB_CALL_ERROR(*sari, staffMessage(type), QStringList{QStringLiteral("forbidden")});
            HB_CALL_ERROR(*rina, staffMessage(type), QStringList{QStringLiteral("forbidden")});
        }
        // Nothing was subscribed: a change brings them no stats.
        QCOMPARE(str(setPresence(*sari, "offline"), "status"), QStringLiteral("offline"));
        QVERIFY(sari->nothing(expect("stats"), 500));
        QVERIFY(rina->nothing(expect("stats"), 10));

        const QStringList replies{QStringLiteral("stats"), QStringLiteral("sessions"),
                                  QStringLiteral("requests"), QStringLiteral("presence.history")};
        for (qsizetype i = 0; i < kStaffMessages.size(); ++i) {
            const QJsonObject sent = staffMessage(kStaffMessages.at(i));
            const QJsonObject reply = viewer->call(sent);
            QVERIFY2(typeOf(reply) == replies.at(i),
                     qPrintable(viewer->badReply(sent, reply, replies.at(i))));
        }
    }
};

QTEST_GUILESS_MAIN(TestStatsE2e)
#include "tst_stats_e2e.moc"
