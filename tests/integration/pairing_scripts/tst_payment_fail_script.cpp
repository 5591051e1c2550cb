// payment_fail.lua against a real redis-server, its replies read by the backend's own decoder
// (sessions/SessionScriptReplies): only a session still awaiting payment is ended, an overdue
// one only once however many instances sweep, one that started keeps going, and the slot freed
// is the one of the mitra serving the session now (after a reroute).
#include "cluster/Keys.h"
#include "lua/LuaScripts.h"
#include "sessions/SessionScriptReplies.h"
#include "store/valkey/ValkeyClient.h"
#include "valkey/ValkeyServer.h"
#include "../valkey/ValkeyTestSupport.h"

#include <QTest>

#include <memory>
#include <optional>

using namespace hb;
using sessionreplies::PaymentFailReply;

class TestPaymentFailScript : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        m_client = test::connectedClient(m_server);
        QVERIFY(m_client);
    }

    void init() { QVERIFY(run({"FLUSHDB"})); }

    void overdueSessionEndsOnceWhoeverSweeps()
    {
        awaitingPayment("s1", "c1", "m-a", 0); // due now
        awaitingPayment("s2", "c2", "m-a", 3600000);
        // Two instances sweep one after the other (each script run is atomic).
        const auto first = paymentFail("overdue", "200");
        const auto second = paymentFail("overdue", "200");
        QVERIFY(first && second);
        QCOMPARE(first->ended.size(), 1);
        QCOMPARE(first->ended.at(0).sessionId, QStringLiteral("s1"));
        QCOMPARE(first->ended.at(0).customerId, QStringLiteral("c1"));
        QCOMPARE(first->ended.at(0).mitraId, QStringLiteral("m-a"));
        QVERIFY(second->ended.isEmpty());

        QCOMPARE(field("hb:session:s1", "state"), QByteArray("ended"));
        QCOMPARE(field("hb:session:s2", "state"), QByteArray("awaiting_payment"));
        QCOMPARE(field("hb:mitra:m-a", "active"), QByteArray("1")); // s2 still holds its slot
        QCOMPARE(field("hb:customer:c1", "session"), QByteArray());
        QCOMPARE(members(keys::paymentDeadlines()), QList<QByteArray>{"s2"});
        // One durable record of the one end, with its reason.
        const auto events = run({"XRANGE", keys::outboxStream(), "-", "+"});
        QVERIFY(events);
        QCOMPARE(events->elements().size(), 1);
        const QList<ValkeyReply> fields = events->elements().at(0).elements().value(1).elements();
        QVERIFY(fields.contains(ValkeyReply::string("session.ended")));
        QVERIFY(fields.contains(ValkeyReply::string("payment_failed")));
    }

    void failedPaymentEndsItBeforeItsDeadline()
    {
        awaitingPayment("s1", "c1", "m-a", 3600000);
        QVERIFY(paymentFail("overdue", "200")->ended.isEmpty());
        const auto failed = paymentFail("session", "s1");
        QVERIFY(failed);
        QCOMPARE(failed->ended.size(), 1);
        QVERIFY(failed->ended.at(0).mitraAvailable); // online, below capacity again
        QCOMPARE(field("hb:mitra:m-a", "active"), QByteArray("0"));
        QVERIFY(members(keys::paymentDeadlines()).isEmpty());
        // A second failure report (or a sweep) finds nothing left to end.
        QVERIFY(paymentFail("session", "s1")->ended.isEmpty());
        QVERIFY(paymentFail("session", "s-unknown")->ended.isEmpty());
    }

    void startedSessionKeepsGoing()
    {
        awaitingPayment("s1", "c1", "m-a", 0);
        const auto started = eval(LuaScripts::instance().sessionStart, {"s1"});
        QVERIFY(started);
        const auto reply = sessionreplies::parseSessionStart(*started);
        QVERIFY(reply);
        QVERIFY(reply->verdict == sessionreplies::SessionStartReply::Verdict::Started);
        QCOMPARE(reply->session.mitra.id, QStringLiteral("m-a"));
        QVERIFY(members(keys::paymentDeadlines()).isEmpty());
        QVERIFY(paymentFail("overdue", "200")->ended.isEmpty());
        QVERIFY(paymentFail("session", "s1")->ended.isEmpty());
        QCOMPARE(field("hb:session:s1", "state"), QByteArray("active"));
        QCOMPARE(field("hb:mitra:m-a", "active"), QByteArray("1"));
    }

    void reroutedSessionFreesTheNewMitrasSlot()
    {
        awaitingPayment("s1", "c1", "m-a", 0);
        mitraOnline("m-b");
        const auto moved =
            eval(LuaScripts::instance().sessionReroute, {"s1", "m-b", "staff-1", "", "0"});
        QVERIFY(moved);
        QCOMPARE(moved->elements().value(0).toByteArray(), QByteArray("ok"));
        // A reroute keeps the session awaiting payment, with its deadline.
        QCOMPARE(members(keys::paymentDeadlines()), QList<QByteArray>{"s1"});
        const auto swept = paymentFail("overdue", "200");
        QVERIFY(swept);
        QCOMPARE(swept->ended.size(), 1);
        QCOMPARE(swept->ended.at(0).mitraId, QStringLiteral("m-b"));
        QCOMPARE(field("hb:mitra:m-a", "active"), QByteArray("0"));
        QCOMPARE(field("hb:mitra:m-b", "active"), QByteArray("0"));
    }

private:
    std::optional<ValkeyReply> run(QList<QByteArray> args)
    {
        const auto result = test::runCommand(*m_client, std::move(args));
        if (!result || result->isError())
            return std::nullopt;
        return result->reply();
    }

    std::optional<ValkeyReply> eval(const LuaScript &script, const QList<QByteArray> &args)
    {
        const auto result = test::runScript(*m_client, script, keys::sessionScriptKeys(), args);
        if (!result || result->isError()) {
            qWarning("%s: %s", qPrintable(script.name()),
                     result ? qPrintable(result->errorText()) : "no reply");
            return std::nullopt;
        }
        return result->reply();
    }

    std::optional<PaymentFailReply> paymentFail(const char *mode, const char *arg)
    {
        const auto reply = eval(LuaScripts::instance().paymentFail, {mode, arg});
        return reply ? sessionreplies::parsePaymentFail(*reply) : std::nullopt;
    }

    QByteArray field(const QByteArray &key, const char *name)
    {
        const auto reply = run({"HGET", key, name});
        return reply ? reply->toByteArray() : QByteArray("?");
    }

    QList<QByteArray> members(const QByteArray &zset)
    {
        QList<QByteArray> out;
        if (const auto reply = run({"ZRANGE", zset, "0", "-1"}))
            for (const ValkeyReply &m : reply->elements())
                out.append(m.toByteArray());
        return out;
    }

    void mitraOnline(const char *id)
    {
        QVERIFY(run({"HSET", QByteArray("hb:mitra:") + id, "status", "online", "name", id}));
    }

    // A session as offer_accept leaves it, awaiting payment until `timeoutMs` from now (by
    // Valkey's clock, as the script's deadline check uses it), its mitra online.
    void awaitingPayment(const char *sid, const char *customer, const char *mitra,
                         qint64 timeoutMs)
    {
        mitraOnline(mitra);
        const auto time = run({"TIME"});
        QVERIFY(time);
        const qint64 nowMs = time->elements().value(0).toInteger() * 1000 +
                             time->elements().value(1).toInteger() / 1000;
        const QByteArray deadline = QByteArray::number(nowMs + timeoutMs);
        QVERIFY(run({"HSET", QByteArray("hb:session:") + sid, "request", "r-" + QByteArray(sid),
                     "customer", customer, "customer_name", customer, "mitra", mitra,
                     "mitra_name", mitra, "state", "awaiting_payment", "created",
                     QByteArray::number(nowMs), "assigned_at", QByteArray::number(nowMs),
                     "payment_deadline", deadline}));
        QVERIFY(run({"ZADD", keys::paymentDeadlines(), deadline, sid}));
        QVERIFY(run({"SADD", "hb:sessions:open", sid}));
        QVERIFY(run({"SADD", QByteArray("hb:mitra:") + mitra + ":sessions", sid}));
        QVERIFY(run({"HINCRBY", QByteArray("hb:mitra:") + mitra, "active", "1"}));
        QVERIFY(run({"HSET", QByteArray("hb:customer:") + customer, "session", sid}));
    }

    test::ValkeyServer m_server;
    std::unique_ptr<ValkeyClient> m_client;
};

QTEST_GUILESS_MAIN(TestPaymentFailScript)
#include "tst_payment_fail_script.moc"
