// followupreplies: the reply of followups_claim.lua, built by hand as the script shapes it,
// decoded into typed structs; an entry of any other shape is set aside as malformed (so one bad
// entry cannot hold up the others), a reply that is not a list is refused.
#include "sessions/FollowUpReplies.h"
#include "store/valkey/ValkeyReply.h"

#include <QTest>

using namespace hb;
using namespace hb::followupreplies;

namespace {

ValkeyReply str(const char *s)
{
    return ValkeyReply::string(QByteArray(s));
}

ValkeyReply arr(QList<ValkeyReply> items)
{
    return ValkeyReply::array(std::move(items));
}

ValkeyReply sessionEntry(const char *state)
{
    return arr({str("session"), str("s1"), str("r1"), str("c1"), str("Citra"), str("m2"),
                str("Mega"), str(state), str("1000")});
}

const char *const kAcceptMember = "[\"accept\",\"s1\",[\"m3\",\"m4\"]]";
const char *const kEndMember = "[\"end\",\"s1\",[\"ended_by_mitra\"]]";

// {member, kind, sid, {extra...}, session | 'gone', customer_instance, mitra_instance, losers...}
ValkeyReply acceptEntry(const char *state)
{
    return arr({str(kAcceptMember), str("accept"), str("s1"), arr({str("m3"), str("m4")}),
                sessionEntry(state), str("inst-a"), str("inst-b"),
                arr({str("m3"), str("inst-c")}), arr({str("m4"), str("")})});
}

} // namespace

class TestFollowUpReplies : public QObject
{
    Q_OBJECT

private slots:
    void acceptClaimed()
    {
        const auto r = parseFollowUpsClaim(arr({acceptEntry("awaiting_payment")}));
        QVERIFY(r);
        QCOMPARE(r->claimed.size(), 1);
        QVERIFY(r->malformed.isEmpty());
        const FollowUp &f = r->claimed.at(0);
        QVERIFY(f.kind == FollowUp::Kind::Accept);
        QCOMPARE(f.member, QByteArray(kAcceptMember));
        QCOMPARE(f.sessionId, QStringLiteral("s1"));
        QVERIFY(f.session);
        QVERIFY(f.session->state == SessionState::AwaitingPayment);
        QCOMPARE(f.session->requestId, QStringLiteral("r1"));
        QCOMPARE(f.session->mitra.name, QStringLiteral("Mega"));
        QCOMPARE(f.customerInstance, QStringLiteral("inst-a"));
        QCOMPARE(f.mitraInstance, QStringLiteral("inst-b"));
        QCOMPARE(f.losers.size(), 2);
        QCOMPARE(f.losers.at(0).mitraId, QStringLiteral("m3"));
        QCOMPARE(f.losers.at(0).instance, QStringLiteral("inst-c"));
        QCOMPARE(f.losers.at(1).instance, QString()); // connected nowhere
    }

    void endClaimed()
    {
        const auto r = parseFollowUpsClaim(
            arr({arr({str(kEndMember), str("end"), str("s1"), arr({str("ended_by_mitra")}),
                      sessionEntry("ended"), str(""), str("inst-b")})}));
        QVERIFY(r);
        QCOMPARE(r->claimed.size(), 1);
        const FollowUp &f = r->claimed.at(0);
        QVERIFY(f.kind == FollowUp::Kind::End);
        QVERIFY(f.endReason == SessionEndReason::EndedByMitra);
        QVERIFY(f.session && f.session->state == SessionState::Ended);
        QCOMPARE(f.customerInstance, QString());
    }

    void goneSessionAndOtherVersionsKinds()
    {
        const auto r = parseFollowUpsClaim(
            arr({arr({str(kEndMember), str("end"), str("s1"), arr({str("ended_by_customer")}),
                      str("gone"), str(""), str("")}),
                 arr({str("[\"reroute\",\"s1\",{}]"), str("reroute"), str("s1"), arr({}),
                      sessionEntry("active"), str(""), str("")})}));
        QVERIFY(r);
        QCOMPARE(r->claimed.size(), 2);
        QVERIFY(!r->claimed.at(0).session);
        QVERIFY(r->claimed.at(1).kind == FollowUp::Kind::Unknown);
    }

    void emptyClaim()
    {
        const auto r = parseFollowUpsClaim(arr({}));
        QVERIFY(r && r->claimed.isEmpty() && r->malformed.isEmpty());
    }

    void malformedEntriesAreSetAside()
    {
        const auto r = parseFollowUpsClaim(arr({
            acceptEntry("active"),
            arr({str("m-short"), str("accept"), str("s1")}),                    // too short
            arr({str("m-state"), str("accept"), str("s1"), arr({}), sessionEntry("paused"),
                 str(""), str("")}),                                            // unknown state
            arr({str("m-reason"), str("end"), str("s1"), arr({str("bored")}), str("gone"),
                 str(""), str("")}),                                            // unknown reason
            arr({str("m-loser"), str("accept"), str("s1"), arr({}), str("gone"), str(""),
                 str(""), str("m3")}),                                          // loser not a pair
        }));
        QVERIFY(r);
        QCOMPARE(r->claimed.size(), 1);
        QCOMPARE(r->malformed,
                 (QList<QByteArray>{"m-short", "m-state", "m-reason", "m-loser"}));
    }

    void notAList()
    {
        QVERIFY(!parseFollowUpsClaim(ValkeyReply::error("ERR boom")));
        QVERIFY(!parseFollowUpsClaim(str("ok")));
    }
};

QTEST_GUILESS_MAIN(TestFollowUpReplies)
#include "tst_follow_up_replies.moc"
