// sessionreplies: the replies of session_start.lua, session_end.lua and payment_fail.lua, built
// by hand as the scripts shape them, decoded into typed structs; a reply of any other shape is
// refused (nullopt), never read by guess.
#include "sessions/SessionScriptReplies.h"
#include "store/valkey/ValkeyReply.h"

#include <QTest>

using namespace hb;
using namespace hb::sessionreplies;

namespace {

ValkeyReply str(const char *s)
{
    return ValkeyReply::string(QByteArray(s));
}

ValkeyReply num(qint64 n)
{
    return ValkeyReply::integer(n);
}

ValkeyReply arr(QList<ValkeyReply> items)
{
    return ValkeyReply::array(std::move(items));
}

// {'session', id, request, customer, customer_name, mitra, mitra_name, state, created}
ValkeyReply sessionEntry(const char *state)
{
    return arr({str("session"), str("s1"), str("r1"), str("c1"), str("Citra"), str("m2"),
                str("Mega"), str(state), str("1000")});
}

// lib/closing.lua: {sid, ended_ms, customer, customer_instance, mitra, mitra_instance, available}
QList<ValkeyReply> closedFields(const char *sid, qint64 available)
{
    return {str(sid), num(5000), str("c1"), str("inst-a"), str("m1"), str(""), num(available)};
}

} // namespace

class TestSessionScriptReplies : public QObject
{
    Q_OBJECT

private slots:
    void startStarted()
    {
        const auto r = parseSessionStart(
            arr({str("ok"), num(2000), sessionEntry("active"), str("inst-a"), str("inst-b")}));
        QVERIFY(r);
        QVERIFY(r->verdict == SessionStartReply::Verdict::Started);
        QCOMPARE(r->session.id, QStringLiteral("s1"));
        QCOMPARE(r->session.requestId, QStringLiteral("r1"));
        QCOMPARE(r->session.customer, (Party{QStringLiteral("c1"), QStringLiteral("Citra")}));
        QCOMPARE(r->session.mitra, (Party{QStringLiteral("m2"), QStringLiteral("Mega")}));
        QVERIFY(r->session.state == SessionState::Active);
        QCOMPARE(r->session.startedAtMs, 2000); // the start, not the creation
        QCOMPARE(r->customerInstance, QStringLiteral("inst-a"));
        QCOMPARE(r->mitraInstance, QStringLiteral("inst-b"));
    }

    void startRefused()
    {
        const auto gone = parseSessionStart(arr({str("not_found")}));
        QVERIFY(gone && gone->verdict == SessionStartReply::Verdict::NotFound);
        const auto ended = parseSessionStart(arr({str("conflict"), str("ended")}));
        QVERIFY(ended && ended->verdict == SessionStartReply::Verdict::Conflict);
        QCOMPARE(ended->conflictState, QStringLiteral("ended"));
    }

    void startMalformed()
    {
        // Not a data-driven test: ValkeyReply (an array of itself) is no QMetaType for QFETCH.
        const QList<std::pair<const char *, ValkeyReply>> replies{
            {"nil", ValkeyReply::nil()},
            {"unknown verdict", arr({str("won")})},
            {"forbidden (session_start asks no user)", arr({str("forbidden")})},
            {"conflict without its state", arr({str("conflict")})},
            {"ok without instances", arr({str("ok"), num(2000), sessionEntry("active")})},
            {"start time not a number",
             arr({str("ok"), str("soon"), sessionEntry("active"), str(""), str("")})},
            {"unknown state", arr({str("ok"), num(2000), sessionEntry("paused"), str(""), str("")})},
            {"session entry short",
             arr({str("ok"), num(2000), arr({str("session"), str("s1")}), str(""), str("")})},
        };
        for (const auto &[name, reply] : replies)
            QVERIFY2(!parseSessionStart(reply), name);
    }

    void endEnded()
    {
        QList<ValkeyReply> fields{str("ok")};
        fields += closedFields("s1", 1);
        fields += str(R"(["end","s1",["ended_by_customer"]])");
        const auto r = parseSessionEnd(arr(fields));
        QVERIFY(r);
        QVERIFY(r->verdict == SessionEndReply::Verdict::Ended);
        QCOMPARE(r->followUp, QByteArray(R"(["end","s1",["ended_by_customer"]])"));
        QCOMPARE(r->closed.sessionId, QStringLiteral("s1"));
        QCOMPARE(r->closed.endedAtMs, 5000);
        QCOMPARE(r->closed.customerId, QStringLiteral("c1"));
        QCOMPARE(r->closed.customerInstance, QStringLiteral("inst-a"));
        QCOMPARE(r->closed.mitraId, QStringLiteral("m1"));
        QCOMPARE(r->closed.mitraInstance, QString()); // the mitra is connected nowhere
        QVERIFY(r->closed.mitraAvailable);
    }

    void endRefused()
    {
        const auto gone = parseSessionEnd(arr({str("not_found")}));
        QVERIFY(gone && gone->verdict == SessionEndReply::Verdict::NotFound);
        const auto notYours = parseSessionEnd(arr({str("forbidden")}));
        QVERIFY(notYours && notYours->verdict == SessionEndReply::Verdict::Forbidden);
        const auto twice = parseSessionEnd(arr({str("conflict"), str("ended")}));
        QVERIFY(twice && twice->verdict == SessionEndReply::Verdict::Conflict);
        QCOMPARE(twice->conflictState, QStringLiteral("ended"));
    }

    void endMalformed()
    {
        QVERIFY(!parseSessionEnd(ValkeyReply::error("ERR boom")));
        // The reply of session_end before it named the session: one field short.
        QVERIFY(!parseSessionEnd(arr({str("ok"), num(5000), str("c1"), str(""), str("m1"), str(""),
                                      num(0)})));
        QList<ValkeyReply> badAvailable{str("ok")};
        badAvailable += closedFields("s1", 0);
        badAvailable += str(R"(["end","s1",["ended_by_mitra"]])");
        badAvailable[7] = str("yes");
        QVERIFY(!parseSessionEnd(arr(badAvailable)));
        // The reply of session_end before it recorded a follow-up.
        QList<ValkeyReply> noFollowUp{str("ok")};
        noFollowUp += closedFields("s1", 0);
        QVERIFY(!parseSessionEnd(arr(noFollowUp)));
    }

    void paymentFailEndedSome()
    {
        const auto r = parsePaymentFail(arr({arr(closedFields("s1", 0)), arr(closedFields("s2", 1))}));
        QVERIFY(r);
        QCOMPARE(r->ended.size(), 2);
        QCOMPARE(r->ended.at(0).sessionId, QStringLiteral("s1"));
        QVERIFY(!r->ended.at(0).mitraAvailable);
        QCOMPARE(r->ended.at(1).sessionId, QStringLiteral("s2"));
        QVERIFY(r->ended.at(1).mitraAvailable);
    }

    void paymentFailEndedNone()
    {
        // Nothing was awaiting payment any more (started, or another instance swept it first).
        const auto r = parsePaymentFail(arr({}));
        QVERIFY(r);
        QVERIFY(r->ended.isEmpty());
    }

    void paymentFailMalformed()
    {
        QVERIFY(!parsePaymentFail(ValkeyReply::nil()));
        QVERIFY(!parsePaymentFail(arr({str("s1")})));
        QVERIFY(!parsePaymentFail(arr({arr({str("s1"), num(5000)})})));
    }
};

QTEST_GUILESS_MAIN(TestSessionScriptReplies)
#include "tst_session_script_replies.moc"
