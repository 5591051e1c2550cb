#include "ValkeyTestSupport.h"
#include "common/FreePort.h"
#include "store/valkey/ValkeyClient.h"
#include "store/valkey/ValkeyConfig.h"
#include "valkey/ValkeyServer.h"

#include <QHostAddress>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <csignal>
#include <memory>
#include <numeric>
#include <vector>

using namespace hb;
using hb::test::runCommand;
using Kind = ValkeyResult::Kind;

namespace {

// Tallies how often each command's callback ran and with what, to prove "exactly once".
struct Tally
{
    std::vector<int> calls;
    std::vector<Kind> kinds;
    explicit Tally(int n) : calls(size_t(n), 0), kinds(size_t(n), Kind::Reply) {}
    ValkeyClient::Callback callback(int i)
    {
        return [this, i](const ValkeyResult &r) {
            ++calls[size_t(i)];
            kinds[size_t(i)] = r.kind();
        };
    }
    int total() const { return std::accumulate(calls.begin(), calls.end(), 0); }
};

} // namespace

// ValkeyClient when things go wrong: stalled, killed, unreachable and silent servers, and
// clients or callers destroyed with commands in flight (run under ASan in the asan preset).
class TestValkeyResilience : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void sigpipeIgnored();
    void commandTimeoutAndRecovery();
    void serverKilledWithPendingCommands();
    void unreachableServer();
    void silentServer();
    void destroyClientWithPendingCommands();
    void destroyClientInsideCallback();
    void destroyContextWithPendingCommands();
    void destroyClientInsideSignals();

private:
    test::ValkeyServer m_server;
};

void TestValkeyResilience::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

void TestValkeyResilience::sigpipeIgnored()
{
    // hiredis writes with write(2): without this, a write to a socket the server closed would
    // kill the process.
    ValkeyClient client(test::configFor(m_server));
    client.start();
    struct sigaction current = {};
    QCOMPARE(sigaction(SIGPIPE, nullptr, &current), 0);
    QVERIFY(current.sa_handler == SIG_IGN);
}

void TestValkeyResilience::commandTimeoutAndRecovery()
{
    auto admin = test::connectedClient(m_server);
    QVERIFY(admin);
    auto client = test::connectedClient(m_server, 300);
    QVERIFY(client);
    QSignalSpy connected(client.get(), &ValkeyClient::connected);
    QSignalSpy disconnected(client.get(), &ValkeyClient::disconnected);

    // Every client's commands stall for 2 s, new connections' handshakes included.
    auto r = runCommand(*admin, {"CLIENT", "PAUSE", "2000", "ALL"});
    QVERIFY(r);
    QVERIFY2(r->isOk(), qPrintable(r->errorText()));

    int calls = 0;
    std::optional<ValkeyResult> result;
    client->command({"GET", "timeout:k"}, this, [&](const ValkeyResult &res) {
        ++calls;
        result = res;
    });
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 3000);
    QCOMPARE(result->kind(), Kind::Timeout);
    QVERIFY2(result->errorText().contains(QStringLiteral("300 ms")),
             qPrintable(result->errorText()));
    QCOMPARE(client->stats().timeouts, quint64(1));

    // Nothing came back for a whole timeout: the connection is treated as dead and replaced
    // once the pause is over.
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    r = runCommand(*client, {"PING"});
    QVERIFY(r);
    QVERIFY2(r->isOk(), qPrintable(r->errorText()));
    QCOMPARE(calls, 1); // the late reply was not delivered a second time
    QCOMPARE(client->stats().reconnects, quint64(1));
}

void TestValkeyResilience::serverKilledWithPendingCommands()
{
    test::ValkeyServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    auto admin = test::connectedClient(server);
    QVERIFY(admin);
    auto client = test::connectedClient(server, 10000);
    QVERIFY(client);
    QSignalSpy connected(client.get(), &ValkeyClient::connected);
    QSignalSpy disconnected(client.get(), &ValkeyClient::disconnected);
    QSignalSpy failed(client.get(), &ValkeyClient::connectionFailed);

    // BLPOP blocks the connection on the server, so everything after it stays pending.
    constexpr int count = 50;
    Tally tally(count);
    client->command({"BLPOP", "killed:never", "0"}, this, tally.callback(0));
    for (int i = 1; i < count; ++i)
        client->command({"GET", "killed:k"}, this, tally.callback(i));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto list = runCommand(*admin, {"CLIENT", "LIST"});
            return list && list->reply().toByteArray().contains("cmd=blpop");
        }(),
        5000);

    server.kill();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 5000);
    QCOMPARE(tally.total(), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(tally.calls[size_t(i)], 1);
        QCOMPARE(tally.kinds[size_t(i)], Kind::Disconnected);
    }
    QVERIFY(!client->isConnected());
    QVERIFY(!client->stats().connectedSince.isValid());

    // While it is down: clear reasons, and commands fail at once.
    QVERIFY(failed.wait(5000));
    const QString reason = failed.first().first().toString();
    QVERIFY2(reason.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())) &&
                 reason.contains(QStringLiteral("Connection refused")),
             qPrintable(reason));
    auto r = runCommand(*client, {"PING"});
    QVERIFY(r);
    QCOMPARE(r->kind(), Kind::NotConnected);

    QVERIFY2(server.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    r = runCommand(*client, {"SET", "killed:k", "back"});
    QVERIFY(r && r->isOk());
    QCOMPARE(client->stats().reconnects, quint64(1));
    QCOMPARE(tally.total(), count); // still exactly once each
}

void TestValkeyResilience::unreachableServer()
{
    ValkeyConfig config;
    config.port = test::freeLoopbackPort();
    ValkeyClient client(config);
    QSignalSpy failed(&client, &ValkeyClient::connectionFailed);
    QSignalSpy connected(&client, &ValkeyClient::connected);
    client.start();
    QVERIFY(failed.wait(2000));
    QCOMPARE(failed.first().first().toString(),
             QStringLiteral("cannot connect to Valkey at 127.0.0.1:%1: Connection refused")
                 .arg(config.port));
    // It keeps trying, backing off (100 ms, 200 ms, ... with jitter).
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 3, 5000);
    QCOMPARE(connected.count(), 0);
    QVERIFY(!client.isConnected());
    const auto r = runCommand(client, {"PING"});
    QVERIFY(r);
    QCOMPARE(r->kind(), Kind::NotConnected);
}

void TestValkeyResilience::silentServer()
{
    // Accepts connections and never answers: the handshake times out, no connected().
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ValkeyConfig config;
    config.port = silent.serverPort();
    config.commandTimeoutMs = 200;
    config.connectTimeoutMs = 1000;
    ValkeyClient client(config);
    QSignalSpy failed(&client, &ValkeyClient::connectionFailed);
    QSignalSpy connected(&client, &ValkeyClient::connected);
    client.start();
    QVERIFY(failed.wait(3000));
    const QString reason = failed.first().first().toString();
    QVERIFY2(reason.startsWith(QStringLiteral("cannot connect to Valkey at 127.0.0.1:")) &&
                 reason.contains(QStringLiteral("no reply")),
             qPrintable(reason));
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 2, 5000);
    QCOMPARE(connected.count(), 0);

    // The connect timeout covers the whole handshake, whatever the command timeout.
    config.commandTimeoutMs = 5000;
    config.connectTimeoutMs = 200;
    ValkeyClient patient(config);
    QSignalSpy patientFailed(&patient, &ValkeyClient::connectionFailed);
    patient.start();
    QVERIFY(patientFailed.wait(3000));
    QCOMPARE(patientFailed.first().first().toString(),
             QStringLiteral("cannot connect to Valkey at 127.0.0.1:%1: no answer within 200 ms")
                 .arg(config.port));
}

void TestValkeyResilience::destroyClientWithPendingCommands()
{
    auto admin = test::connectedClient(m_server);
    QVERIFY(admin);
    auto client = test::connectedClient(m_server);
    QVERIFY(client);

    constexpr int count = 100;
    Tally tally(count);
    client->command({"BLPOP", "destroy:never", "0"}, this, tally.callback(0));
    for (int i = 1; i < count; ++i)
        client->command({"SET", "destroy:k", QByteArray::number(i)}, this, tally.callback(i));
    client.reset();

    // A few round trips on another connection give any stray callback every chance to run.
    for (int i = 0; i < 5; ++i)
        QVERIFY(runCommand(*admin, {"PING"}));
    QCOMPARE(tally.total(), 0);
}

void TestValkeyResilience::destroyClientInsideCallback()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);
    auto admin = test::connectedClient(m_server);
    QVERIFY(admin);

    constexpr int count = 20;
    Tally tally(count);
    ValkeyClient *raw = client.release();
    // The first reply's callback destroys the client while hiredis is still handing out the
    // replies that came in the same read.
    raw->command({"PING"}, this, [&, raw](const ValkeyResult &r) {
        tally.callback(0)(r);
        delete raw;
    });
    for (int i = 1; i < count; ++i)
        raw->command({"PING"}, this, tally.callback(i));
    QTRY_COMPARE(tally.calls[0], 1);
    for (int i = 0; i < 5; ++i)
        QVERIFY(runCommand(*admin, {"PING"}));
    QCOMPARE(tally.total(), 1);
}

void TestValkeyResilience::destroyContextWithPendingCommands()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);
    auto owner = std::make_unique<QObject>();
    int ownerCalls = 0;
    int otherCalls = 0;
    for (int i = 0; i < 10; ++i) {
        client->command({"PING"}, owner.get(), [&](const ValkeyResult &) { ++ownerCalls; });
        client->command({"PING"}, this, [&](const ValkeyResult &) { ++otherCalls; });
    }
    owner.reset();
    QTRY_COMPARE(otherCalls, 10);
    QCOMPARE(ownerCalls, 0);

    // Also when the failure is delivered later (not connected).
    ValkeyClient idle(test::configFor(m_server));
    owner = std::make_unique<QObject>();
    idle.command({"PING"}, owner.get(), [&](const ValkeyResult &) { ++ownerCalls; });
    idle.command({"PING"}, this, [&](const ValkeyResult &) { ++otherCalls; });
    owner.reset();
    QTRY_COMPARE(otherCalls, 11);
    QCOMPARE(ownerCalls, 0);
}

void TestValkeyResilience::destroyClientInsideSignals()
{
    // Inside connected(): emitted from a hiredis reply callback.
    {
        QPointer<ValkeyClient> client = new ValkeyClient(test::configFor(m_server));
        connect(client, &ValkeyClient::connected, client, [&client] { delete client; });
        client->start();
        QTRY_VERIFY_WITH_TIMEOUT(client.isNull(), 5000);
    }
    // Inside connectionFailed(): possibly emitted from hiredis's connect callback.
    {
        ValkeyConfig config;
        config.port = test::freeLoopbackPort();
        QPointer<ValkeyClient> client = new ValkeyClient(config);
        connect(client, &ValkeyClient::connectionFailed, client, [&client] { delete client; });
        client->start();
        QTRY_VERIFY_WITH_TIMEOUT(client.isNull(), 5000);
    }
    // Inside disconnected(): emitted while hiredis frees the context; and from a callback
    // that gets Disconnected.
    {
        test::ValkeyServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QPointer<ValkeyClient> first = test::connectedClient(server).release();
        QPointer<ValkeyClient> second = test::connectedClient(server).release();
        QVERIFY(first && second);
        connect(first, &ValkeyClient::disconnected, first, [&first] { delete first; });
        second->command({"BLPOP", "never", "0"}, this, [&second](const ValkeyResult &r) {
            QCOMPARE(r.kind(), Kind::Disconnected);
            delete second;
        });
        second->command({"PING"}, this, [](const ValkeyResult &) { QFAIL("must not run"); });
        server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(first.isNull() && second.isNull(), 5000);
    }
}

QTEST_GUILESS_MAIN(TestValkeyResilience)
#include "tst_valkeyresilience.moc"
