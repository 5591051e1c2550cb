// offer_accept.lua against a real redis-server: several accepts in one call (how the backend
// settles the accepts that reach it together) are decided one after the other, exactly as if
// each had been its own call: first valid accept wins, the rest get the precise refusal, and an
// accept in the same call sees what the earlier ones changed (capacity taken, offers closed).
#include "cluster/Keys.h"
#include "lua/LuaScripts.h"
#include "store/valkey/ValkeyClient.h"
#include "valkey/ValkeyServer.h"
#include "../valkey/ValkeyTestSupport.h"

#include <QTest>

#include <memory>
#include <optional>

using namespace hb;

namespace {

QByteArray verdictOf(const ValkeyReply &reply)
{
    return reply.elements().value(0).toByteArray();
}

} // namespace

class TestAcceptScript : public QObject
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

    void init() { QVERIFY(command({"FLUSHDB"})); }

    void acceptsInOneCallAreDecidedInOrder()
    {
        openRequest("r1", "c1", {"m-a", "m-b", "m-c"});
        for (const char *m : {"m-a", "m-b", "m-c", "m-d"})
            mitraOnline(m);
        const auto verdicts = accept({{"r1", "m-a", "s1"},
                                      {"r1", "m-b", "s2"},
                                      {"r1", "m-a", "s3"},
                                      {"r-none", "m-c", "s4"},
                                      {"r1", "m-d", "s5"}});
        QVERIFY(verdicts);
        QCOMPARE(verdicts->size(), 5);
        QCOMPARE(verdictOf(verdicts->at(0)), QByteArray("won"));
        QCOMPARE(verdicts->at(0).elements().value(1).toByteArray(), QByteArray("s1"));
        // The winner's verdict lists the other open offers, now taken.
        QCOMPARE(verdicts->at(0).elements().size(), 6 + 2);
        // Its follow-up (pushes, payment, the losers' offer.closed) is recorded in the same
        // step, due a grace later, with the mitras whose offers were taken.
        const QByteArray followUp = verdicts->at(0).elements().value(5).toByteArray();
        const auto followUps = command({"ZRANGE", keys::followUps(), "0", "-1"});
        QVERIFY(followUps);
        QCOMPARE(followUps->elements().size(), 1);
        QCOMPARE(followUps->elements().at(0).toByteArray(), followUp);
        QVERIFY2(followUp.startsWith("[\"accept\",\"s1\",[\"") && followUp.contains("\"m-b\"") &&
                     followUp.contains("\"m-c\""),
                 followUp.constData());
        QCOMPARE(verdictOf(verdicts->at(1)), QByteArray("conflict"));
        QCOMPARE(verdicts->at(1).elements().value(1).toByteArray(), QByteArray("matched"));
        QCOMPARE(verdictOf(verdicts->at(2)), QByteArray("already"));
        QCOMPARE(verdicts->at(2).elements().value(1).toByteArray(), QByteArray("s1"));
        QCOMPARE(verdictOf(verdicts->at(3)), QByteArray("not_found"));
        QCOMPARE(verdictOf(verdicts->at(4)), QByteArray("forbidden"));

        // Exactly one session, the first accept's; the others' session ids were never used.
        QCOMPARE(field("hb:req:r1", "session"), QByteArray("s1"));
        QCOMPARE(field("hb:req:r1:offers", "m-a"), QByteArray("accepted"));
        QCOMPARE(field("hb:req:r1:offers", "m-b"), QByteArray("taken"));
        QCOMPARE(field("hb:req:r1:offers", "m-c"), QByteArray("taken"));
        QCOMPARE(field("hb:session:s1", "mitra"), QByteArray("m-a"));
        QCOMPARE(exists("hb:session:s2"), 0);
        QCOMPARE(field("hb:mitra:m-a", "active"), QByteArray("1"));
        QCOMPARE(field("hb:mitra:m-b", "active"), QByteArray());

        // The one decision left one durable event in the outbox, in the same step.
        const auto events = command({"XRANGE", keys::outboxStream(), "-", "+"});
        QVERIFY(events);
        QCOMPARE(events->elements().size(), 1);
        const auto fields = events->elements().at(0).elements().value(1).elements(); // a copy: value() returns a temporary
        QCOMPARE(fields.value(0).toByteArray(), QByteArray("type"));
        QCOMPARE(fields.value(1).toByteArray(), QByteArray("session.accepted"));
        QVERIFY(fields.contains(ValkeyReply::string("s1")));
        QVERIFY(fields.contains(ValkeyReply::string("m-a")));
    }

    void laterAcceptsInACallSeeTheCapacityEarlierOnesTook()
    {
        QVERIFY(command({"HSET", "hb:settings", "global_cap", "1"}));
        openRequest("r1", "c1", {"m-a", "m-b"});
        openRequest("r2", "c2", {"m-a", "m-b"});
        mitraOnline("m-a");
        mitraOnline("m-b");
        const auto verdicts =
            accept({{"r1", "m-a", "s1"}, {"r2", "m-a", "s2"}, {"r2", "m-b", "s3"}});
        QVERIFY(verdicts);
        QCOMPARE(verdictOf(verdicts->at(0)), QByteArray("won"));
        QCOMPARE(verdictOf(verdicts->at(1)), QByteArray("capacity_full"));
        QCOMPARE(verdictOf(verdicts->at(2)), QByteArray("won"));
        QCOMPARE(field("hb:req:r2:offers", "m-a"), QByteArray("expired"));
        QCOMPARE(field("hb:req:r2", "session"), QByteArray("s3"));
    }

    void oneAcceptAloneIsAListOfOneVerdict()
    {
        openRequest("r1", "c1", {"m-a"});
        mitraOnline("m-a");
        const auto verdicts = accept({{"r1", "m-a", "s1"}});
        QVERIFY(verdicts);
        QCOMPARE(verdicts->size(), 1);
        QCOMPARE(verdictOf(verdicts->at(0)), QByteArray("won"));
    }

private:
    struct Accept
    {
        const char *request;
        const char *mitra;
        const char *session;
    };

    std::optional<ValkeyReply> command(QList<QByteArray> args)
    {
        const auto result = test::runCommand(*m_client, std::move(args));
        if (!result || result->isError())
            return std::nullopt;
        return result->reply();
    }

    QByteArray field(const char *key, const char *name)
    {
        const auto reply = command({"HGET", key, name});
        return reply ? reply->toByteArray() : QByteArray("?");
    }

    qint64 exists(const char *key)
    {
        const auto reply = command({"EXISTS", key});
        return reply ? reply->toInteger() : -1;
    }

    // The state request_create and request_offer leave behind, written directly.
    void openRequest(const char *id, const char *customer, const QList<const char *> &offeredTo)
    {
        const QByteArray key = QByteArray("hb:req:") + id;
        QVERIFY(command({"HSET", key, "customer", customer, "customer_name", customer, "status",
                         "open", "created", "1000", "deadline", "9999999999999", "strategy",
                         "broadcast", "ever_offered", "1"}));
        QVERIFY(command({"ZADD", "hb:requests:open", "1000", id}));
        QVERIFY(command({"HSET", QByteArray("hb:customer:") + customer, "request", id}));
        for (const char *m : offeredTo) {
            QVERIFY(command({"HSET", key + ":offers", m, "open"}));
            QVERIFY(command({"SADD", QByteArray("hb:mitra:") + m + ":offers", id}));
        }
    }

    void mitraOnline(const char *id)
    {
        QVERIFY(command({"HSET", QByteArray("hb:mitra:") + id, "status", "online", "since",
                         "1000", "last_hb", "1000"}));
    }

    std::optional<QList<ValkeyReply>> accept(const QList<Accept> &accepts)
    {
        QList<QByteArray> args{QByteArrayLiteral("300000")}; // the payment timeout (ms)
        for (const Accept &a : accepts)
            args << a.request << a.mitra << a.session << QByteArray(a.mitra).toUpper();
        const auto result = test::runScript(*m_client, LuaScripts::instance().offerAccept,
                                            keys::sessionScriptKeys(), args);
        if (!result || result->isError()) {
            qWarning("offer_accept: %s", result ? qPrintable(result->errorText()) : "no reply");
            return std::nullopt;
        }
        return result->reply().elements();
    }

    test::ValkeyServer m_server;
    std::unique_ptr<ValkeyClient> m_client;
};

QTEST_GUILESS_MAIN(TestAcceptScript)
#include "tst_accept_script.moc"
