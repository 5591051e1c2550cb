// followups_claim.lua against a real redis-server, its replies read by the backend's own decoder
// (sessions/FollowUpReplies): a follow-up is claimed only once due, once however many
// instances claim at the same moment (a lease), and again once its lease ran out (its claimer
// died); the claim carries the session as it is now and where everyone is connected.
#include "cluster/Keys.h"
#include "lua/LuaScripts.h"
#include "sessions/FollowUpReplies.h"
#include "store/valkey/ValkeyClient.h"
#include "valkey/ValkeyServer.h"
#include "../valkey/ValkeyTestSupport.h"

#include <QTest>

#include <memory>
#include <optional>

using namespace hb;
using followupreplies::FollowUp;
using followupreplies::FollowUpsClaimReply;

class TestFollowUpsClaimScript : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        m_client = test::connectedClient(m_server);
        m_other = test::connectedClient(m_server);
        QVERIFY(m_client && m_other);
    }

    void init() { QVERIFY(run({"FLUSHDB"})); }

    void notClaimedBeforeItIsDue()
    {
        // session_end records its follow-up due a grace later (lib/followup.lua).
        openSession("s1", "c1", "m-a", "awaiting_payment");
        const auto ended = eval(*m_client, LuaScripts::instance().sessionEnd,
                                keys::sessionScriptKeys(), {"s1", "c1", "customer",
                                                            "ended_by_customer"});
        QVERIFY(ended);
        QCOMPARE(members().size(), 1);
        const auto claimed = claim(*m_client, 60000);
        QVERIFY(claimed);
        QVERIFY(claimed->claimed.isEmpty());
        QCOMPARE(members().size(), 1); // still there for the deciding instance to remove
    }

    void twoClaimersAtOnceClaimEachOnce()
    {
        for (int i = 0; i < 20; ++i) {
            const QByteArray sid = "s" + QByteArray::number(i);
            openSession(sid, "c" + QByteArray::number(i), "m-a", "active");
            due("[\"end\",\"" + sid + "\",[\"ended_by_mitra\"]]");
        }
        // Both instances' claims are sent before either is answered.
        std::optional<ValkeyResult> first;
        std::optional<ValkeyResult> second;
        QObject context;
        const QList<QByteArray> args{"60000", "100"};
        m_client->eval(LuaScripts::instance().followUpsClaim, {keys::followUps()}, args, &context,
                       [&first](const ValkeyResult &r) { first = r; });
        m_other->eval(LuaScripts::instance().followUpsClaim, {keys::followUps()}, args, &context,
                      [&second](const ValkeyResult &r) { second = r; });
        QVERIFY(QTest::qWaitFor([&] { return first && second; }, 5000));
        QVERIFY(!first->isError() && !second->isError());
        const auto a = followupreplies::parseFollowUpsClaim(first->reply());
        const auto b = followupreplies::parseFollowUpsClaim(second->reply());
        QVERIFY(a && b);
        QSet<QString> sessions;
        for (const auto *reply : {&*a, &*b})
            for (const FollowUp &f : reply->claimed)
                sessions.insert(f.sessionId);
        QCOMPARE(a->claimed.size() + b->claimed.size(), 20);
        QCOMPARE(sessions.size(), 20);
        // Leased, not removed: the claimer removes each once done.
        QCOMPARE(members().size(), 20);
        QVERIFY(claim(*m_client, 60000)->claimed.isEmpty());
    }

    void claimedAgainOnceItsLeaseRunsOut()
    {
        openSession("s1", "c1", "m-a", "active");
        due("[\"end\",\"s1\",[\"ended_by_customer\"]]");
        // A claimer whose lease is already over (it died): the next sweep claims it again.
        QCOMPARE(claim(*m_client, 0)->claimed.size(), 1);
        QCOMPARE(claim(*m_other, 60000)->claimed.size(), 1);
        QVERIFY(claim(*m_client, 60000)->claimed.isEmpty());
    }

    void claimCarriesTheSessionAsItIsNow()
    {
        openSession("s1", "c1", "m-a", "active");
        QVERIFY(run({"SET", "hb:conn:customer:c1", "inst-a|k1"}));
        QVERIFY(run({"SET", "hb:conn:mitra:m-a", "inst-b|k2"}));
        QVERIFY(run({"SET", "hb:conn:mitra:m-b", "inst-c|k3"}));
        due("[\"accept\",\"s1\",[\"m-b\",\"m-c\"]]");
        due("[\"end\",\"s-gone\",[\"ended_by_customer\"]]");
        due("not json");
        due("[\"reroute\",\"s1\",{}]"); // another version's kind
        const auto claimed = claim(*m_client, 60000);
        QVERIFY(claimed);
        QCOMPARE(claimed->claimed.size(), 3);
        const FollowUp *accept = nullptr;
        const FollowUp *gone = nullptr;
        const FollowUp *unknown = nullptr;
        for (const FollowUp &f : claimed->claimed) {
            if (f.kind == FollowUp::Kind::Accept)
                accept = &f;
            else if (f.kind == FollowUp::Kind::End)
                gone = &f;
            else
                unknown = &f;
        }
        QVERIFY(accept && gone && unknown);
        QVERIFY(accept->session);
        QVERIFY(accept->session->state == SessionState::Active);
        QCOMPARE(accept->session->requestId, QStringLiteral("r-s1"));
        QCOMPARE(accept->session->mitra.id, QStringLiteral("m-a"));
        QCOMPARE(accept->customerInstance, QStringLiteral("inst-a"));
        QCOMPARE(accept->mitraInstance, QStringLiteral("inst-b"));
        QCOMPARE(accept->losers.size(), 2);
        QCOMPARE(accept->losers.at(0).mitraId, QStringLiteral("m-b"));
        QCOMPARE(accept->losers.at(0).instance, QStringLiteral("inst-c"));
        QCOMPARE(accept->losers.at(1).instance, QString()); // connected nowhere
        QVERIFY(!gone->session);
        QCOMPARE(gone->sessionId, QStringLiteral("s-gone"));
        QVERIFY(gone->endReason == SessionEndReason::EndedByCustomer);
        // A member that is not a follow-up at all is dropped by the script itself.
        QVERIFY(!members().contains("not json"));
        QCOMPARE(members().size(), 3);
    }

private:
    // A reply (not an error) to a command or a script, else nullopt with a warning.
    static std::optional<ValkeyReply> replyOf(const std::optional<ValkeyResult> &result)
    {
        if (!result || result->isError()) {
            qWarning("%s", result ? qPrintable(result->errorText()) : "no reply");
            return std::nullopt;
        }
        return result->reply();
    }

    std::optional<ValkeyReply> run(QList<QByteArray> args)
    {
        return replyOf(test::runCommand(*m_client, std::move(args)));
    }

    std::optional<ValkeyReply> eval(ValkeyClient &client, const LuaScript &script,
                                    const QList<QByteArray> &keys, const QList<QByteArray> &args)
    {
        return replyOf(test::runScript(client, script, keys, args));
    }

    std::optional<FollowUpsClaimReply> claim(ValkeyClient &client, int leaseMs)
    {
        const auto reply = eval(client, LuaScripts::instance().followUpsClaim, {keys::followUps()},
                                {QByteArray::number(leaseMs), "100"});
        return reply ? followupreplies::parseFollowUpsClaim(*reply) : std::nullopt;
    }

    QList<QByteArray> members()
    {
        QList<QByteArray> out;
        if (const auto reply = run({"ZRANGE", keys::followUps(), "0", "-1"}))
            for (const ValkeyReply &m : reply->elements())
                out.append(m.toByteArray());
        return out;
    }

    // A follow-up due now (score 0: long past).
    void due(const QByteArray &member) { QVERIFY(run({"ZADD", keys::followUps(), "0", member})); }

    void openSession(const QByteArray &sid, const QByteArray &customer, const QByteArray &mitra,
                     const QByteArray &state)
    {
        QVERIFY(run({"HSET", "hb:mitra:" + mitra, "status", "online", "name", mitra, "active",
                     "1"}));
        QVERIFY(run({"HSET", "hb:session:" + sid, "request", "r-" + sid, "customer", customer,
                     "customer_name", customer, "mitra", mitra, "mitra_name", mitra, "state",
                     state, "created", "1000", "assigned_at", "1000"}));
        QVERIFY(run({"SADD", "hb:sessions:open", sid}));
        QVERIFY(run({"SADD", "hb:mitra:" + mitra + ":sessions", sid}));
        QVERIFY(run({"HSET", "hb:customer:" + customer, "session", sid}));
    }

    test::ValkeyServer m_server;
    std::unique_ptr<ValkeyClient> m_client;
    std::unique_ptr<ValkeyClient> m_other;
};

QTEST_GUILESS_MAIN(TestFollowUpsClaimScript)
#include "tst_followups_claim_script.moc"
