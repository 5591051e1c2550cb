// Staff control end to end, two instances: capacity (global and per mitra, affecting only
// later offers) and reroute (in awaiting_payment and active, all three parties told, races).
#include "E2eStack.h"
#include "backend/WsTestClient.h"

#include <QJsonObject>
#include <QTest>
#include <QTimer>

using namespace hb::test;

namespace {

QString str(const QJsonObject &o, const char *a, const char *b = nullptr, const char *c = nullptr)
{
    QJsonValue v = o.value(QLatin1String(a));
    if (b)
        v = v.toObject().value(QLatin1String(b));
    if (c)
        v = v.toObject().value(QLatin1String(c));
    return v.toString();
}

} // namespace

class TestControlE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    std::unique_ptr<BackendProcess> m_a;
    std::unique_ptr<BackendProcess> m_b;
    std::unique_ptr<WsTestClient> m_boss;  // supervisor on A
    std::unique_ptr<WsTestClient> m_boss2; // supervisor on B

    std::unique_ptr<WsTestClient> onlineMitra(const QString &url, const QString &id)
    {
        return m_stack.onlineMitra(url, id, QStringLiteral("Mitra ") + id);
    }

    std::unique_ptr<WsTestClient> customer(const QString &url, const QString &id)
    {
        return m_stack.customer(url, id, QStringLiteral("Cust ") + id);
    }

    // The customer requests; `winner` accepts its offer. Returns the session id.
    QString pair(WsTestClient &cust, WsTestClient &winner)
    {
        cust.send(msg("pairing.request"));
        const QString rid = str(cust.waitFor(QStringLiteral("pairing.searching")), "request_id");
        const QJsonObject offer = winner.waitFor(QStringLiteral("offer"));
        if (str(offer, "request_id") != rid)
            return {};
        winner.send(msg("offer.accept", {{QStringLiteral("request_id"), rid}}));
        return str(winner.waitFor(QStringLiteral("session.assigned")), "session", "id");
    }

    QString sqlOne(const QString &query)
    {
        return m_stack.sql(query).value(0).value(0);
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
        QProcessEnvironment slowPayment;
        // Sessions wait 1.5 s in awaiting_payment so a reroute can happen in that state.
        slowPayment.insert(QStringLiteral("HALOBESTIE_PAYMENT_DELAY_MS"), QStringLiteral("1500"));
        slowPayment.insert(QStringLiteral("HALOBESTIE_DEFAULT_MAX_CUSTOMERS"), QStringLiteral("1"));
        m_a = m_stack.startBackend(QStringLiteral("ctl-a"), &error, slowPayment);
        QVERIFY2(m_a, qPrintable(error));
        m_b = m_stack.startBackend(QStringLiteral("ctl-b"), &error, slowPayment);
        QVERIFY2(m_b, qPrintable(error));
        m_boss = std::make_unique<WsTestClient>();
        QVERIFY(!m_boss->connectAndHello(m_a->url(), m_stack.staffToken(QStringLiteral("s-boss"), true))
                     .isEmpty());
        m_boss2 = std::make_unique<WsTestClient>();
        QVERIFY(!m_boss2->connectAndHello(m_b->url(), m_stack.staffToken(QStringLiteral("s-boss2"), true))
                     .isEmpty());
    }

    void cleanupTestCase()
    {
        // A backend that did not exit cleanly (a crash, a sanitizer report) shows why.
        for (BackendProcess *b : {m_a.get(), m_b.get()}) {
            if (!b)
                continue;
            const int code = b->stop();
            QVERIFY2(code == 0, b->output().constData());
        }
    }

    void rerouteWhileAwaitingPaymentTellsAllThreeParties()
    {
        auto m1 = onlineMitra(m_a->url(), QStringLiteral("m-r1"));
        auto m2 = onlineMitra(m_b->url(), QStringLiteral("m-r2"));
        auto c1 = customer(m_b->url(), QStringLiteral("c-r1"));
        QVERIFY(m1 && m2 && c1);
        // Broadcast: both get the offer; m1 takes it.
        const QString sid = pair(*c1, *m1);
        QVERIFY(!sid.isEmpty());
        m2->waitFor(QStringLiteral("offer.closed"));
        QCOMPARE(str(c1->waitFor(QStringLiteral("session.awaiting_payment")), "session", "id"), sid);

        // Still awaiting payment (1.5 s): move it to m2, from the other instance.
        m_boss->send(msg("session.reroute", {{QStringLiteral("session_id"), sid},
                                             {QStringLiteral("to_mitra_id"), QStringLiteral("m-r2")},
                                             {QStringLiteral("id"), QStringLiteral("rr-1")}}));
        const QJsonObject reply = m_boss->waitFor(QStringLiteral("session.rerouted"));
        QCOMPARE(str(reply, "ref"), QStringLiteral("rr-1"));
        QCOMPARE(str(reply, "session", "mitra", "id"), QStringLiteral("m-r2"));
        QCOMPARE(str(reply, "session", "state"), QStringLiteral("awaiting_payment"));

        const QJsonObject rerouted = c1->waitFor(QStringLiteral("session.rerouted"));
        QCOMPARE(str(rerouted, "session", "mitra", "id"), QStringLiteral("m-r2"));
        QCOMPARE(str(rerouted, "session", "mitra", "name"), QStringLiteral("Mitra m-r2"));
        const QJsonObject removed = m1->waitFor(QStringLiteral("session.removed"));
        QCOMPARE(str(removed, "session_id"), sid);
        QCOMPARE(str(removed, "reason"), QStringLiteral("rerouted"));
        const QJsonObject assigned = m2->waitFor(QStringLiteral("session.assigned"));
        QCOMPARE(str(assigned, "reason"), QStringLiteral("rerouted"));
        QCOMPARE(str(assigned, "session", "id"), sid);

        // Payment then confirms: the session starts with its new mitra.
        const QJsonObject started = c1->waitFor(QStringLiteral("session.started"), 5000);
        QCOMPARE(str(started, "session", "mitra", "id"), QStringLiteral("m-r2"));
        QCOMPARE(str(started, "session", "state"), QStringLiteral("active"));
        // The mitra serving it now is told too; the one it was moved away from is not its mitra.
        const QJsonObject mitraStarted = m2->waitFor(QStringLiteral("session.started"), 5000);
        QCOMPARE(str(mitraStarted, "session", "id"), sid);
        QCOMPARE(str(mitraStarted, "session", "mitra", "id"), QStringLiteral("m-r2"));

        // Slots moved: m1 free again, m2 holds it (capacity 1 here).
        QCOMPARE(m_stack.valkey({QStringLiteral("HGET"), QStringLiteral("hb:mitra:m-r1"),
                                 QStringLiteral("active")}),
                 QByteArrayLiteral("0"));
        QCOMPARE(m_stack.valkey({QStringLiteral("HGET"), QStringLiteral("hb:mitra:m-r2"),
                                 QStringLiteral("active")}),
                 QByteArrayLiteral("1"));
        QTRY_COMPARE_WITH_TIMEOUT(
            sqlOne(QStringLiteral("select string_agg(mitra_id || ':' || reason || ':' || "
                                  "coalesce(assigned_by, '-') || ':' || (unassigned_at is null), "
                                  "',' order by assigned_at) from session_assignments where "
                                  "session_id = '%1'").arg(sid)),
            QStringLiteral("m-r1:accepted:-:false,m-r2:rerouted:s-boss:true"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(sqlOne(QStringLiteral("select state from sessions where id = '%1'").arg(sid)),
                                  QStringLiteral("active"), 10000);

        // Refusals, and nothing changes.
        const auto refuse = [&](const QJsonObject &request, const QString &code) {
            m_boss->send(request);
            return str(m_boss->waitFor(QStringLiteral("error")), "code") == code;
        };
        QVERIFY(refuse(msg("session.reroute", {{QStringLiteral("session_id"), sid},
                                               {QStringLiteral("to_mitra_id"), QStringLiteral("m-r2")}}),
                       QStringLiteral("conflict"))); // already there
        QVERIFY(refuse(msg("session.reroute", {{QStringLiteral("session_id"), QStringLiteral("ses_nope")},
                                               {QStringLiteral("to_mitra_id"), QStringLiteral("m-r1")}}),
                       QStringLiteral("not_found")));
        QVERIFY(refuse(msg("session.reroute", {{QStringLiteral("session_id"), sid},
                                               {QStringLiteral("to_mitra_id"), QStringLiteral("m-ghost")}}),
                       QStringLiteral("not_found")));
        auto m3 = onlineMitra(m_a->url(), QStringLiteral("m-r3"));
        QVERIFY(m3);
        m3->send(msg("presence.set", {{QStringLiteral("status"), QStringLiteral("offline")}}));
        m3->waitFor(QStringLiteral("presence"));
        QVERIFY(refuse(msg("session.reroute", {{QStringLiteral("session_id"), sid},
                                               {QStringLiteral("to_mitra_id"), QStringLiteral("m-r3")}}),
                       QStringLiteral("mitra_offline")));
        QCOMPARE(m_stack.valkey({QStringLiteral("HGET"), QStringLiteral("hb:session:") + sid,
                                 QStringLiteral("mitra")}),
                 QByteArrayLiteral("m-r2"));

        // An ended session cannot be moved.
        c1->send(msg("session.end", {{QStringLiteral("session_id"), sid}}));
        c1->waitFor(QStringLiteral("session.ended"));
        QVERIFY(refuse(msg("session.reroute", {{QStringLiteral("session_id"), sid},
                                               {QStringLiteral("to_mitra_id"), QStringLiteral("m-r1")}}),
                       QStringLiteral("conflict")));
    }

    void twoStaffReroutingAtOnceOneWins()
    {
        auto m4 = onlineMitra(m_a->url(), QStringLiteral("m-r4"));
        auto c2 = customer(m_a->url(), QStringLiteral("c-r2"));
        QVERIFY(m4 && c2);
        // Only m4 has a free slot now (capacity 1): m-r1 is free too, so make the target set
        // explicit: m4 takes the session, then two staff move it to m-r5 and m-r6 at once.
        auto m5 = onlineMitra(m_b->url(), QStringLiteral("m-r5"));
        auto m6 = onlineMitra(m_b->url(), QStringLiteral("m-r6"));
        QVERIFY(m5 && m6);
        c2->send(msg("pairing.request"));
        const QString rid = str(c2->waitFor(QStringLiteral("pairing.searching")), "request_id");
        QVERIFY(!rid.isEmpty());
        m4->waitFor(QStringLiteral("offer"));
        m4->send(msg("offer.accept", {{QStringLiteral("request_id"), rid}}));
        const QString sid = str(m4->waitFor(QStringLiteral("session.assigned")), "session", "id");
        QVERIFY(!sid.isEmpty());

        // Both sent before either answer is read: the two instances race in Valkey.
        m_boss->send(msg("session.reroute", {{QStringLiteral("session_id"), sid},
                                             {QStringLiteral("to_mitra_id"), QStringLiteral("m-r5")},
                                             {QStringLiteral("id"), QStringLiteral("race-1")}}));
        m_boss2->send(msg("session.reroute", {{QStringLiteral("session_id"), sid},
                                              {QStringLiteral("to_mitra_id"), QStringLiteral("m-r6")},
                                              {QStringLiteral("id"), QStringLiteral("race-2")}}));
        const auto outcome = [](WsTestClient &staff, const QString &id) {
            const QJsonObject o = staff.waitForMatch(
                [id](const QJsonObject &m) { return m.value(QStringLiteral("ref")).toString() == id; });
            return str(o, "type") == QLatin1String("error") ? str(o, "code") : str(o, "type");
        };
        const QStringList outcomes{outcome(*m_boss, QStringLiteral("race-1")),
                                   outcome(*m_boss2, QStringLiteral("race-2"))};
        QCOMPARE(outcomes.count(QStringLiteral("session.rerouted")), 1);
        QCOMPARE(outcomes.count(QStringLiteral("conflict")), 1);
        // Exactly one of the targets holds it, and the counts add up.
        const QByteArray holder = m_stack.valkey({QStringLiteral("HGET"),
                                                  QStringLiteral("hb:session:") + sid,
                                                  QStringLiteral("mitra")});
        QVERIFY(holder == "m-r5" || holder == "m-r6");
        const int active5 = m_stack.valkey({QStringLiteral("HGET"), QStringLiteral("hb:mitra:m-r5"),
                                            QStringLiteral("active")}).toInt();
        const int active6 = m_stack.valkey({QStringLiteral("HGET"), QStringLiteral("hb:mitra:m-r6"),
                                            QStringLiteral("active")}).toInt();
        QCOMPARE(active5 + active6, 1);
    }

    void capacityAppliesOnlyToLaterOffers()
    {
        auto m7 = onlineMitra(m_a->url(), QStringLiteral("m-cap"));
        QVERIFY(m7);
        // Per-mitra capacity 2, then back to the global 1 (null).
        m_boss->send(msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                          {QStringLiteral("mitra_id"), QStringLiteral("m-cap")},
                                          {QStringLiteral("max_customers"), 2}}));
        const QJsonObject updated = m_boss->waitFor(QStringLiteral("capacity.updated"));
        QCOMPARE(str(updated, "mitra_id"), QStringLiteral("m-cap"));
        QCOMPARE(updated.value(QStringLiteral("max_customers")).toInt(), 2);
        QCOMPARE(m_stack.valkey({QStringLiteral("HGET"), QStringLiteral("hb:mitra:m-cap"),
                                 QStringLiteral("cap")}),
                 QByteArrayLiteral("2"));
        QTRY_COMPARE_WITH_TIMEOUT(sqlOne(QStringLiteral("select max_customers from mitras where id = 'm-cap'")),
                                  QStringLiteral("2"), 10000);

        m_boss->send(msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                          {QStringLiteral("mitra_id"), QStringLiteral("m-cap")},
                                          {QStringLiteral("max_customers"), QJsonValue()}}));
        QVERIFY(m_boss->waitFor(QStringLiteral("capacity.updated"))
                    .value(QStringLiteral("max_customers"))
                    .isNull());
        QVERIFY(m_stack.valkey({QStringLiteral("HGET"), QStringLiteral("hb:mitra:m-cap"),
                                QStringLiteral("cap")})
                    .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            m_stack.sql(QStringLiteral("select max_customers is null from mitras where id = 'm-cap'"))
                    .value(0)
                    .value(0) == QLatin1String("t"),
            10000);

        // Unknown mitra: not_found, nothing created.
        m_boss->send(msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                          {QStringLiteral("mitra_id"), QStringLiteral("m-nobody")},
                                          {QStringLiteral("max_customers"), 2}}));
        QCOMPARE(str(m_boss->waitFor(QStringLiteral("error")), "code"), QStringLiteral("not_found"));
        QVERIFY(m_stack.sql(QStringLiteral("select 1 from mitras where id = 'm-nobody'")).isEmpty());

        // Global 0: nobody is offered; a waiting request is served once it is raised again.
        m_boss2->send(msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("global")},
                                           {QStringLiteral("max_customers"), 0}}));
        QCOMPARE(m_boss2->waitFor(QStringLiteral("capacity.updated"))
                     .value(QStringLiteral("max_customers"))
                     .toInt(),
                 0);
        auto c3 = customer(m_b->url(), QStringLiteral("c-cap"));
        QVERIFY(c3);
        c3->send(msg("pairing.request"));
        const QString rid = str(c3->waitFor(QStringLiteral("pairing.searching")), "request_id");
        QVERIFY(m7->noneArrives(
            [](const QJsonObject &m) { return str(m, "type") == QLatin1String("offer"); }, 1000));

        m_boss->send(msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("global")},
                                          {QStringLiteral("max_customers"), 1}}));
        m_boss->waitFor(QStringLiteral("capacity.updated"));
        QCOMPARE(str(m7->waitFor(QStringLiteral("offer"), 5000), "request_id"), rid);
        QTRY_COMPARE_WITH_TIMEOUT(
            sqlOne(QStringLiteral("select value #>> '{}' from settings where key = 'global_max_customers'")),
            QStringLiteral("1"), 10000);
    }
};

QTEST_GUILESS_MAIN(TestControlE2e)
#include "tst_control_e2e.moc"
