// End to end, two instances: every change a supervisor makes is in the audit log with who,
// when, from where, and the state before and after, and audit.list pages through it newest
// first (before_id, more, action). Refused changes leave no entry.
#include "PairingHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace hb::test;

namespace {

constexpr int A = 0; // backend inst-a
constexpr int B = 1; // backend inst-b

QJsonObject auditList(const QJsonObject &fields = {})
{
    return msg("audit.list", fields);
}

QJsonArray entries(const QJsonObject &page)
{
    return page.value(QStringLiteral("entries")).toArray();
}

QStringList actions(const QJsonArray &list)
{
    QStringList out;
    for (const QJsonValue &v : list)
        out << str(v.toObject(), "action");
    return out;
}

QJsonObject object(std::initializer_list<QPair<QString, QJsonValue>> fields)
{
    QJsonObject o;
    for (const auto &f : fields)
        o.insert(f.first, f.second);
    return o;
}

} // namespace

class TestAuditE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    PairingHarness m_h{m_stack};
    std::vector<std::unique_ptr<AppClient>> m_staff;

    AppClient *staff(const QString &id, const QString &name, int backend, bool supervisor)
    {
        // The name shown as the actor's comes from the token.
        auto app = std::make_unique<AppClient>(hb::Role::Staff, id, name,
                                               m_stack.staffToken(id, supervisor, name));
        if (app->connectTo(m_h.url(backend)).isEmpty())
            return nullptr;
        m_staff.push_back(std::move(app));
        return m_staff.back().get();
    }

    // Waits until the log holds `count` entries (writes land a moment after the replies), then
    // returns the newest page of them.
    static QJsonObject waitForEntries(AppClient &reader, int count)
    {
        QJsonObject page;
        const bool enough = QTest::qWaitFor(
            [&] {
                page = reader.call(auditList({{QStringLiteral("limit"), 1000}}));
                return entries(page).size() >= count;
            },
            kWaitMs);
        if (!enough)
            qWarning("the audit log has fewer than %d entries: %s", count,
                     qPrintable(compact(page)));
        return page;
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

    void everyChangeIsAuditedWithBeforeAndAfter()
    {
        HB_START(PairingSettings{}); // global capacity 3
        HB_MITRA(sari, QStringLiteral("m-1"), A, true, QStringLiteral("Sari"));
        HB_MITRA(dewi, QStringLiteral("m-2"), B, true, QStringLiteral("Dewi"));
        HB_CUSTOMER(rina, QStringLiteral("c-1"), A);
        AppClient *boss = staff(QStringLiteral("staff-ayu"), QStringLiteral("Ayu"), A, true);
        AppClient *viewer = staff(QStringLiteral("staff-tono"), QStringLiteral("Tono"), B, false);
        QVERIFY(boss && viewer);
        // Nothing happened yet.
        HB_CALL(empty, *viewer, auditList(), "audit");
        QCOMPARE(entries(empty).size(), 0);
        QCOMPARE(empty.value(QStringLiteral("more")), QJsonValue(false));

        const qint64 start = nowMs();
        HB_CALL(global, *boss,
                msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("global")},
                                     {QStringLiteral("max_customers"), 5}}),
                "capacity.updated");
        HB_CALL(own, *boss,
                msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                     {QStringLiteral("mitra_id"), QStringLiteral("m-1")},
                                     {QStringLiteral("max_customers"), 4}}),
                "capacity.updated");
        HB_CALL(back, *boss,
                msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                     {QStringLiteral("mitra_id"), QStringLiteral("m-1")},
                                     {QStringLiteral("max_customers"), QJsonValue()}}),
                "capacity.updated");
        Pairing p;
        HB_DO(pairUp(*rina, *sari, &p));
        HB_CALL(moved, *boss,
                msg("session.reroute", {{QStringLiteral("session_id"), p.sessionId},
                                        {QStringLiteral("to_mitra_id"), QStringLiteral("m-2")}}),
                "session.rerouted");
        // Refused: nothing changes, nothing is logged.
        HB_CALL_ERROR(
            *boss,
            msg("session.reroute", {{QStringLiteral("session_id"), p.sessionId},
                                    {QStringLiteral("to_mitra_id"), QStringLiteral("m-2")}}),
            QStringList{QStringLiteral("conflict")});
        HB_CALL_ERROR(*boss,
                      msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                           {QStringLiteral("mitra_id"), QStringLiteral("m-x")},
                                           {QStringLiteral("max_customers"), 1}}),
                      QStringList{QStringLiteral("not_found")});
        HB_CALL_ERROR(*viewer,
                      msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("global")},
                                           {QStringLiteral("max_customers"), 1}}),
                      QStringList{QStringLiteral("forbidden")});
        HB_CALL(forced, *boss,
                msg("mitra.force_offline", {{QStringLiteral("mitra_id"), QStringLiteral("m-2")}}),
                "mitra.forced_offline");

        // A viewer reads the log (from the other instance), newest first.
        const QJsonObject page = waitForEntries(*viewer, 5);
        const QJsonArray list = entries(page);
        QCOMPARE(actions(list),
                 (QStringList{QStringLiteral("mitra_force_offline"),
                              QStringLiteral("session_reroute"), QStringLiteral("capacity_set"),
                              QStringLiteral("capacity_set"), QStringLiteral("capacity_set")}));
        QCOMPARE(page.value(QStringLiteral("more")), QJsonValue(false));
        qint64 previousId = std::numeric_limits<qint64>::max();
        for (const QJsonValue &v : list) {
            const QJsonObject e = v.toObject();
            const qint64 id = e.value(QStringLiteral("id")).toInteger();
            QVERIFY2(id > 0 && id < previousId, qPrintable(compact(page)));
            previousId = id;
            QCOMPARE(e.value(QStringLiteral("actor")).toObject(),
                     object({{QStringLiteral("id"), QStringLiteral("staff-ayu")},
                             {QStringLiteral("name"), QStringLiteral("Ayu")}}));
            QCOMPARE(str(e, "address"), QStringLiteral("127.0.0.1"));
            const qint64 when = isoMs(e.value(QStringLiteral("at")));
            QVERIFY2(when >= start - 1000 && when <= nowMs() + 1000, qPrintable(compact(e)));
        }

        const QJsonObject forceEntry = list.at(0).toObject();
        QCOMPARE(str(forceEntry, "target"), QStringLiteral("m-2"));
        QCOMPARE(forceEntry.value(QStringLiteral("before")).toObject(),
                 object({{QStringLiteral("status"), QStringLiteral("online")}}));
        QCOMPARE(forceEntry.value(QStringLiteral("after")).toObject(),
                 object({{QStringLiteral("status"), QStringLiteral("offline")},
                         {QStringLiteral("reroute_sessions"), false},
                         {QStringLiteral("rerouted"), QJsonArray()},
                         {QStringLiteral("kept"), QJsonArray{p.sessionId}}}));

        const QJsonObject rerouteEntry = list.at(1).toObject();
        QCOMPARE(str(rerouteEntry, "target"), p.sessionId);
        QCOMPARE(rerouteEntry.value(QStringLiteral("before")).toObject(),
                 object({{QStringLiteral("mitra_id"), QStringLiteral("m-1")},
                         {QStringLiteral("state"), QStringLiteral("active")}}));
        QCOMPARE(rerouteEntry.value(QStringLiteral("after")).toObject(),
                 object({{QStringLiteral("mitra_id"), QStringLiteral("m-2")},
                         {QStringLiteral("state"), QStringLiteral("active")}}));
        // When it happened: the move's own time, as the session records it.
        QCOMPARE(
            isoMs(rerouteEntry.value(QStringLiteral("at"))),
            m_h.hget(QStringLiteral("hb:session:") + p.sessionId, QStringLiteral("assigned_at"))
                .toLongLong());

        // The override removed: back to the global value (5 by then).
        QJsonObject e = list.at(2).toObject();
        QCOMPARE(str(e, "target"), QStringLiteral("m-1"));
        QCOMPARE(e.value(QStringLiteral("before")).toObject(),
                 object({{QStringLiteral("max_customers"), 4},
                         {QStringLiteral("capacity_source"), QStringLiteral("mitra")}}));
        QCOMPARE(e.value(QStringLiteral("after")).toObject(),
                 object({{QStringLiteral("max_customers"), 5},
                         {QStringLiteral("capacity_source"), QStringLiteral("global")}}));
        e = list.at(3).toObject();
        QCOMPARE(str(e, "target"), QStringLiteral("m-1"));
        QCOMPARE(e.value(QStringLiteral("before")).toObject(),
                 object({{QStringLiteral("max_customers"), 5},
                         {QStringLiteral("capacity_source"), QStringLiteral("global")}}));
        QCOMPARE(e.value(QStringLiteral("after")).toObject(),
                 object({{QStringLiteral("max_customers"), 4},
                         {QStringLiteral("capacity_source"), QStringLiteral("mitra")}}));
        // The global value: no target, the value alone.
        e = list.at(4).toObject();
        QVERIFY(e.value(QStringLiteral("target")).isNull());
        QCOMPARE(e.value(QStringLiteral("before")).toObject(),
                 object({{QStringLiteral("max_customers"), 3}}));
        QCOMPARE(e.value(QStringLiteral("after")).toObject(),
                 object({{QStringLiteral("max_customers"), 5}}));

        // Exactly these five rows in PostgreSQL: the refusals wrote nothing.
        QCOMPARE(m_h.sqlText(QStringLiteral("select count(*) from audit_log")),
                 QStringLiteral("5"));
    }

    void pagesNewestFirst()
    {
        HB_START(PairingSettings{});
        HB_MITRA(sari, QStringLiteral("m-1"), A, true, QStringLiteral("Sari"));
        AppClient *boss = staff(QStringLiteral("boss"), QStringLiteral("Boss"), B, true);
        QVERIFY(boss);
        // Seven changes: capacities 1..7 for m-1, then two of the global value.
        for (int i = 1; i <= 7; ++i) {
            HB_CALL(set, *boss,
                    msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                         {QStringLiteral("mitra_id"), QStringLiteral("m-1")},
                                         {QStringLiteral("max_customers"), i}}),
                    "capacity.updated");
        }
        HB_CALL(forced, *boss,
                msg("mitra.force_offline", {{QStringLiteral("mitra_id"), QStringLiteral("m-1")}}),
                "mitra.forced_offline");
        const QJsonArray all = entries(waitForEntries(*boss, 8));
        QCOMPARE(all.size(), 8);

        // Pages of three: 3 + 3 + 2, each continuing below the last id, none repeated.
        QStringList seen;
        qint64 before = 0;
        QList<bool> more;
        for (int pageNo = 0; pageNo < 4; ++pageNo) {
            QJsonObject fields{{QStringLiteral("limit"), 3}};
            if (before > 0)
                fields.insert(QStringLiteral("before_id"), before);
            HB_CALL(page, *boss, auditList(fields), "audit");
            const QJsonArray list = entries(page);
            more.append(page.value(QStringLiteral("more")).toBool());
            for (const QJsonValue &v : list)
                seen << QString::number(v.toObject().value(QStringLiteral("id")).toInteger());
            if (list.isEmpty())
                break;
            before = list.last().toObject().value(QStringLiteral("id")).toInteger();
        }
        QCOMPARE(more, (QList<bool>{true, true, false, false}));
        QStringList ids;
        for (const QJsonValue &v : all)
            ids << QString::number(v.toObject().value(QStringLiteral("id")).toInteger());
        QCOMPARE(seen, ids);

        // One action only: the capacities, newest (7) first, in pages of five.
        HB_CALL(caps, *boss,
                auditList({{QStringLiteral("action"), QStringLiteral("capacity_set")},
                           {QStringLiteral("limit"), 5}}),
                "audit");
        QCOMPARE(actions(entries(caps)), QStringList(5, QStringLiteral("capacity_set")));
        QCOMPARE(entries(caps)
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("after"))
                     .toObject()
                     .value(QStringLiteral("max_customers")),
                 QJsonValue(7));
        QCOMPARE(caps.value(QStringLiteral("more")), QJsonValue(true));
        HB_CALL(rest, *boss,
                auditList({{QStringLiteral("action"), QStringLiteral("capacity_set")},
                           {QStringLiteral("before_id"),
                            entries(caps).last().toObject().value(QStringLiteral("id"))}}),
                "audit");
        QCOMPARE(entries(rest).size(), 2);
        QCOMPARE(rest.value(QStringLiteral("more")), QJsonValue(false));
        QCOMPARE(entries(rest)
                     .last()
                     .toObject()
                     .value(QStringLiteral("after"))
                     .toObject()
                     .value(QStringLiteral("max_customers")),
                 QJsonValue(1));
        // An action with no entries, and a page below the oldest: empty, nothing more.
        HB_CALL(none, *boss, auditList({{QStringLiteral("action"), QStringLiteral("login")}}),
                "audit");
        QCOMPARE(entries(none).size(), 0);
        HB_CALL(beyond, *boss, auditList({{QStringLiteral("before_id"), 1}}), "audit");
        QCOMPARE(entries(beyond).size(), 0);
        QCOMPARE(beyond.value(QStringLiteral("more")), QJsonValue(false));
        Q_UNUSED(sari);
    }
};

QTEST_GUILESS_MAIN(TestAuditE2e)
#include "tst_audit_e2e.moc"
