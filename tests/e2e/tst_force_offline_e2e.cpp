// End to end, two instances: mitra.force_offline. A supervisor takes a mitra offline (reason
// forced): the mitra's app is told wherever it is connected, its interval ends with reason
// forced in PostgreSQL, its open offers close and their requests move on; with
// reroute_sessions its open sessions move to the least loaded mitras that can take them, each
// exactly as session.reroute moves one (all three parties told, slots moved, the move logged);
// sessions nobody can take stay and are listed in `kept`. Every force offline is audited.
#include "PairingHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace hb::test;

namespace {

constexpr int A = 0; // backend inst-a
constexpr int B = 1; // backend inst-b

QJsonObject forceOffline(const QString &mitra, std::optional<bool> reroute)
{
    QJsonObject o = msg("mitra.force_offline", {{QStringLiteral("mitra_id"), mitra}});
    if (reroute)
        o.insert(QStringLiteral("reroute_sessions"), *reroute);
    return o;
}

// "session->mitra" of a mitra.forced_offline's `rerouted`, in its order.
QStringList moves(const QJsonObject &reply)
{
    QStringList out;
    for (const QJsonValue &v : reply.value(QStringLiteral("rerouted")).toArray())
        out << str(v.toObject(), "session_id") + QStringLiteral("->") +
                   str(v.toObject(), "to_mitra_id");
    return out;
}

QStringList kept(const QJsonObject &reply)
{
    QStringList out;
    for (const QJsonValue &v : reply.value(QStringLiteral("kept")).toArray())
        out << v.toString();
    return out;
}

} // namespace

class TestForceOfflineE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    PairingHarness m_h{m_stack};
    std::vector<std::unique_ptr<AppClient>> m_staff;

    AppClient *staff(const QString &id, int backend, bool supervisor)
    {
        auto app = std::make_unique<AppClient>(hb::Role::Staff, id, id,
                                               m_stack.staffToken(id, supervisor));
        if (app->connectTo(m_h.url(backend)).isEmpty())
            return nullptr;
        m_staff.push_back(std::move(app));
        return m_staff.back().get();
    }

    // PostgreSQL's intervals of a mitra, "reason|closed?" oldest first ("open" for an open one).
    QString intervals(const QString &mitra) const
    {
        return m_h.sqlText(QStringLiteral("select coalesce(reason, 'open'), offline_at is not null "
                                          "from presence_intervals where mitra_id = %1 "
                                          "order by online_at")
                               .arg(PairingHarness::quoted(mitra)));
    }

    // The session's assignments in PostgreSQL, "mitra|reason|by|current" in time order.
    QString assignments(const QString &sid) const
    {
        return m_h.sqlText(QStringLiteral("select mitra_id, reason, coalesce(assigned_by, '-'), "
                                          "unassigned_at is null from session_assignments where "
                                          "session_id = %1 order by assigned_at")
                               .arg(PairingHarness::quoted(sid)));
    }

    // The newest audit entry of this action, as audit.list shows it.
    static QJsonObject lastAudit(AppClient &staffApp, const char *action)
    {
        const QJsonObject page =
            staffApp.call(msg("audit.list", {{QStringLiteral("limit"), 1},
                                             {QStringLiteral("action"), QLatin1String(action)}}));
        return page.value(QStringLiteral("entries")).toArray().at(0).toObject();
    }

    // The session as a moved-to party must see it.
    void checkMoved(AppClient &customer, AppClient &from, AppClient &to, const QString &sid)
    {
        HB_TAKE(rerouted, customer, expect("session.rerouted", "session.id", sid));
        QCOMPARE(at(rerouted, QStringLiteral("session.mitra.id")), to.id());
        QCOMPARE(at(rerouted, QStringLiteral("session.mitra.name")), to.name());
        QCOMPARE(at(rerouted, QStringLiteral("session.state")), QStringLiteral("active"));
        HB_TAKE(removed, from, expect("session.removed", "session_id", sid));
        QCOMPARE(str(removed, "reason"), QStringLiteral("rerouted"));
        HB_TAKE(assigned, to, expect("session.assigned", "session.id", sid));
        QCOMPARE(str(assigned, "reason"), QStringLiteral("rerouted"));
        QCOMPARE(at(assigned, QStringLiteral("session.customer.id")), customer.id());
        QCOMPARE(m_h.hget(QStringLiteral("hb:session:") + sid, QStringLiteral("mitra")), to.id());
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
        const QString problems = m_h.stop();
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    // m-1 (on A) runs two sessions and has an open offer; a supervisor on B takes it offline
    // with reroute_sessions. The oldest session goes to the least loaded mitra (m-3, none), the
    // next to the tie between m-2 and m-3 (one each), broken by id: m-2.
    void forceOfflineMovesSessionsToTheLeastLoaded()
    {
        HB_START(PairingSettings{}); // broadcast, capacity 3
        HB_MITRA(sari, QStringLiteral("m-1"), A, true, QStringLiteral("Sari"));
        HB_MITRA(dewi, QStringLiteral("m-2"), B, true, QStringLiteral("Dewi"));
        HB_MITRA(ayu, QStringLiteral("m-3"), A, true, QStringLiteral("Ayu"));
        HB_CUSTOMER(rina, QStringLiteral("c-1"), A);
        HB_CUSTOMER(tono, QStringLiteral("c-2"), B);
        HB_CUSTOMER(lia, QStringLiteral("c-3"), A);
        HB_CUSTOMER(budi, QStringLiteral("c-4"), B);
        Pairing p1, p2, p3;
        HB_DO(pairUp(*rina, *sari, &p1));
        HB_DO(pairUp(*tono, *sari, &p2));
        HB_DO(pairUp(*lia, *dewi, &p3));
        // A request still searching: every available mitra, m-1 included, holds its offer.
        QString waiting;
        HB_DO(requestPairing(*budi, &waiting));
        HB_TAKE(offered, *sari, expect("offer", "request_id", waiting));
        AppClient *boss = staff(QStringLiteral("boss"), B, true);
        QVERIFY(boss);

        HB_CALL(reply, *boss, forceOffline(QStringLiteral("m-1"), true), "mitra.forced_offline");
        QCOMPARE(str(reply, "mitra_id"), QStringLiteral("m-1"));
        QCOMPARE(reply.value(QStringLiteral("was_online")), QJsonValue(true));
        QCOMPARE(moves(reply), (QStringList{p1.sessionId + QStringLiteral("->m-3"),
                                            p2.sessionId + QStringLiteral("->m-2")}));
        QCOMPARE(kept(reply), QStringList());

        // The mitra's app (on the other instance) is told, with the reason.
        HB_TAKE(pushed, *sari, expect("presence", "status", QStringLiteral("offline")));
        QCOMPARE(str(pushed, "reason"), QStringLiteral("forced"));
        QVERIFY(!pushed.contains(QStringLiteral("ref")));
        // Its open offer closes and the request is still searching with the others.
        HB_TAKE(closed, *sari, expect("offer.closed", "request_id", waiting));
        QCOMPARE(str(closed, "reason"), QStringLiteral("expired"));
        QCOMPARE(m_h.hget(QStringLiteral("hb:req:") + waiting, QStringLiteral("status")),
                 QStringLiteral("open"));
        // All three parties of each move are told.
        HB_DO(checkMoved(*rina, *sari, *ayu, p1.sessionId));
        HB_DO(checkMoved(*tono, *sari, *dewi, p2.sessionId));
        // The session nobody moved is untouched.
        QVERIFY(lia->nothing(expect("session.rerouted"), 300));

        // Live state: offline for the reason, out of the online set and the rotation, slots
        // moved.
        QCOMPARE(m_h.hget(QStringLiteral("hb:mitra:m-1"), QStringLiteral("status")),
                 QStringLiteral("offline"));
        QCOMPARE(m_h.hget(QStringLiteral("hb:mitra:m-1"), QStringLiteral("reason")),
                 QStringLiteral("forced"));
        QVERIFY(!m_h.inZset(QStringLiteral("hb:presence:online"), QStringLiteral("m-1")));
        QVERIFY(!m_h.inZset(QStringLiteral("hb:rr:rotation"), QStringLiteral("m-1")));
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 0);
        QCOMPARE(m_h.active(QStringLiteral("m-2")), 2);
        QCOMPARE(m_h.active(QStringLiteral("m-3")), 1);
        QCOMPARE(m_h.members(QStringLiteral("hb:mitra:m-1:sessions")), QString());

        // Durable: the interval ended with reason forced; each move is in the timeline.
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-1")), QStringLiteral("forced|t"),
                                  kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(assignments(p1.sessionId),
                                  QStringLiteral("m-1|accepted|-|f, m-3|rerouted|boss|t"), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(assignments(p2.sessionId),
                                  QStringLiteral("m-1|accepted|-|f, m-2|rerouted|boss|t"), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_h.sqlText(QStringLiteral("select outcome from request_offers where request_id = %1 "
                                       "and mitra_id = 'm-1'")
                            .arg(PairingHarness::quoted(waiting))),
            QStringLiteral("expired"), kWaitMs);

        // Audited, with what it changed.
        QJsonObject entry;
        QTRY_VERIFY_WITH_TIMEOUT(!(entry = lastAudit(*boss, "mitra_force_offline")).isEmpty(),
                                 kWaitMs);
        QCOMPARE(str(entry, "target"), QStringLiteral("m-1"));
        QCOMPARE(str(entry, "actor", "id"), QStringLiteral("boss"));
        QCOMPARE(str(entry, "address"), QStringLiteral("127.0.0.1"));
        QCOMPARE(entry.value(QStringLiteral("before")).toObject(),
                 (QJsonObject{{QStringLiteral("status"), QStringLiteral("online")}}));
        const QJsonObject after = entry.value(QStringLiteral("after")).toObject();
        QCOMPARE(str(after, "status"), QStringLiteral("offline"));
        QCOMPARE(after.value(QStringLiteral("reroute_sessions")), QJsonValue(true));
        QCOMPARE(after.value(QStringLiteral("rerouted")), reply.value(QStringLiteral("rerouted")));
        QCOMPARE(after.value(QStringLiteral("kept")).toArray().size(), 0);

        // Not banned: the mitra may go online again, and a new interval opens.
        HB_CALL(back, *sari,
                msg("presence.set", {{QStringLiteral("status"), QStringLiteral("online")}}),
                "presence");
        QCOMPARE(str(back, "status"), QStringLiteral("online"));
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-1")),
                                  QStringLiteral("forced|t, open|f"), kWaitMs);
    }

    // Sessions no one can take stay with the (now offline) mitra and are listed in `kept`; a
    // second force offline of a mitra already offline only moves what can be moved now.
    void sessionsNobodyCanTakeAreKept()
    {
        HB_START(PairingSettings{});
        HB_MITRA(sari, QStringLiteral("m-1"), A, true, QStringLiteral("Sari"));
        HB_MITRA(dewi, QStringLiteral("m-2"), B, true, QStringLiteral("Dewi"));
        HB_MITRA(ayu, QStringLiteral("m-3"), B, false, QStringLiteral("Ayu")); // offline
        AppClient *boss = staff(QStringLiteral("boss"), A, true);
        QVERIFY(boss);
        // m-2 takes no one (its own capacity 0) until staff say otherwise.
        HB_CALL(zero, *boss,
                msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                     {QStringLiteral("mitra_id"), QStringLiteral("m-2")},
                                     {QStringLiteral("max_customers"), 0}}),
                "capacity.updated");
        HB_CUSTOMER(rina, QStringLiteral("c-1"), A);
        HB_CUSTOMER(tono, QStringLiteral("c-2"), B);
        Pairing p1, p2;
        HB_DO(pairUp(*rina, *sari, &p1));
        HB_DO(pairUp(*tono, *sari, &p2));

        HB_CALL(first, *boss, forceOffline(QStringLiteral("m-1"), true), "mitra.forced_offline");
        QCOMPARE(first.value(QStringLiteral("was_online")), QJsonValue(true));
        QCOMPARE(moves(first), QStringList());
        QCOMPARE(kept(first), (QStringList{p1.sessionId, p2.sessionId})); // oldest first
        HB_TAKE(pushed, *sari, expect("presence", "status", QStringLiteral("offline")));
        QCOMPARE(str(pushed, "reason"), QStringLiteral("forced"));
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 2);
        QCOMPARE(m_h.hget(QStringLiteral("hb:session:") + p1.sessionId, QStringLiteral("mitra")),
                 QStringLiteral("m-1"));
        QVERIFY(rina->nothing(expect("session.rerouted"), 300));
        QVERIFY(sari->nothing(expect("session.removed"), 10));
        QVERIFY(dewi->nothing(expect("session.assigned"), 10));
        QVERIFY(ayu->nothing(expect("session.assigned"), 10));

        // m-2 may take one now: forced again (already offline), one session moves, one stays.
        HB_CALL(one, *boss,
                msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                     {QStringLiteral("mitra_id"), QStringLiteral("m-2")},
                                     {QStringLiteral("max_customers"), 1}}),
                "capacity.updated");
        HB_CALL(second, *boss, forceOffline(QStringLiteral("m-1"), true), "mitra.forced_offline");
        QCOMPARE(second.value(QStringLiteral("was_online")), QJsonValue(false));
        QCOMPARE(moves(second), (QStringList{p1.sessionId + QStringLiteral("->m-2")}));
        QCOMPARE(kept(second), (QStringList{p2.sessionId}));
        HB_DO(checkMoved(*rina, *sari, *dewi, p1.sessionId));
        // No second offline push, and one interval only, closed once.
        QVERIFY(sari->nothing(expect("presence"), 300));
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-1")), QStringLiteral("forced|t"),
                                  kWaitMs);
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 1);
        QCOMPARE(m_h.active(QStringLiteral("m-2")), 1);
        // The newest entry is the second one: the mitra was offline before it.
        QJsonObject entry;
        QTRY_COMPARE_WITH_TIMEOUT(str((entry = lastAudit(*boss, "mitra_force_offline"))
                                          .value(QStringLiteral("before"))
                                          .toObject(),
                                      "status"),
                                  QStringLiteral("offline"), kWaitMs);
        QCOMPARE(entry.value(QStringLiteral("after")).toObject().value(QStringLiteral("kept")),
                 QJsonValue(QJsonArray{p2.sessionId}));
    }

    // Without reroute_sessions the sessions stay, as with any mitra going offline.
    void withoutRerouteSessionsStay()
    {
        HB_START(PairingSettings{});
        HB_MITRA(sari, QStringLiteral("m-1"), B, true, QStringLiteral("Sari"));
        HB_MITRA(dewi, QStringLiteral("m-2"), A, true, QStringLiteral("Dewi"));
        HB_CUSTOMER(rina, QStringLiteral("c-1"), A);
        Pairing p1;
        HB_DO(pairUp(*rina, *sari, &p1));
        AppClient *boss = staff(QStringLiteral("boss"), A, true);
        QVERIFY(boss);

        HB_CALL(reply, *boss, forceOffline(QStringLiteral("m-1"), std::nullopt),
                "mitra.forced_offline");
        QCOMPARE(reply.value(QStringLiteral("was_online")), QJsonValue(true));
        QCOMPARE(moves(reply), QStringList());
        QCOMPARE(kept(reply), (QStringList{p1.sessionId}));
        HB_TAKE(pushed, *sari, expect("presence", "status", QStringLiteral("offline")));
        QCOMPARE(str(pushed, "reason"), QStringLiteral("forced"));
        QCOMPARE(m_h.hget(QStringLiteral("hb:session:") + p1.sessionId, QStringLiteral("mitra")),
                 QStringLiteral("m-1"));
        QVERIFY(rina->nothing(expect("session.rerouted"), 300));
        QVERIFY(dewi->nothing(expect("session.assigned"), 10));
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-1")), QStringLiteral("forced|t"),
                                  kWaitMs);
        // The session runs on: its mitra can still end it while offline.
        HB_CALL(ended, *sari, msg("session.end", {{QStringLiteral("session_id"), p1.sessionId}}),
                "session.ended");
    }

    // Who may, and what it answers for mitras it cannot take offline.
    void refusalsAndUnknownMitras()
    {
        HB_START(PairingSettings{});
        HB_MITRA(sari, QStringLiteral("m-1"), A, true, QStringLiteral("Sari"));
        // Connected once, never online: PostgreSQL knows it, Valkey has no state for it.
        HB_MITRA(idle, QStringLiteral("m-idle"), B, false, QStringLiteral("Idle"));
        AppClient *viewer = staff(QStringLiteral("viewer"), A, false);
        AppClient *boss = staff(QStringLiteral("boss"), B, true);
        QVERIFY(viewer && boss);

        HB_CALL_ERROR(*viewer, forceOffline(QStringLiteral("m-1"), true),
                      QStringList{QStringLiteral("forbidden")});
        HB_CALL_ERROR(*boss, forceOffline(QStringLiteral("m-nobody"), true),
                      QStringList{QStringLiteral("not_found")});
        QVERIFY(sari->nothing(expect("presence"), 300));
        QCOMPARE(m_h.hget(QStringLiteral("hb:mitra:m-1"), QStringLiteral("status")),
                 QStringLiteral("online"));
        QVERIFY(m_stack.valkeyList({QStringLiteral("KEYS"), QStringLiteral("hb:mitra:m-nobody*")})
                    .isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(
            m_h.sqlText(QStringLiteral("select count(*) from mitras where id = 'm-idle'")),
            QStringLiteral("1"), kWaitMs);
        HB_CALL(idleReply, *boss, forceOffline(QStringLiteral("m-idle"), true),
                "mitra.forced_offline");
        QCOMPARE(idleReply.value(QStringLiteral("was_online")), QJsonValue(false));
        QCOMPARE(moves(idleReply), QStringList());
        QCOMPARE(kept(idleReply), QStringList());
        QVERIFY(idle->nothing(expect("presence"), 300));
        QCOMPARE(m_h.sqlText(QStringLiteral("select count(*) from presence_intervals where "
                                            "mitra_id = 'm-idle'")),
                 QStringLiteral("0"));
        // Refusals leave no audit entry; the accepted one does.
        QJsonObject page;
        QTRY_COMPARE_WITH_TIMEOUT(
            (page = boss->call(msg("audit.list", {{QStringLiteral("action"),
                                                   QStringLiteral("mitra_force_offline")}})))
                .value(QStringLiteral("entries"))
                .toArray()
                .size(),
            1, kWaitMs);
        QCOMPARE(str(page.value(QStringLiteral("entries")).toArray().at(0).toObject(), "target"),
                 QStringLiteral("m-idle"));
    }
};

QTEST_GUILESS_MAIN(TestForceOfflineE2e)
#include "tst_force_offline_e2e.moc"
