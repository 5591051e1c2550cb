#include "ValkeyTestSupport.h"
#include "store/valkey/LuaScript.h"
#include "store/valkey/ValkeyClient.h"
#include "store/valkey/ValkeyConfig.h"
#include "valkey/ValkeyServer.h"

#include <QSignalSpy>
#include <QTest>
#include <vector>

using namespace hb;
using hb::test::runCommand;
using Kind = ValkeyResult::Kind;

// Commands, replies, pipelining, scripts and URL parsing, against one server for the whole
// run. Failures, timeouts and lifetime are in tst_valkeyresilience.
class TestValkeyClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void parseUrl_data();
    void parseUrl();
    void parseUrlErrorHidesPassword();
    void basicCommands();
    void connectsByHostName();
    void authentication();
    void binarySafeValues();
    void arraysAndNil();
    void callbackNeverSynchronous();
    void refusesConnectionStateCommands();
    void pipelining10k();
    void evalShaFallsBackAfterScriptFlush();
    void loadScriptsAfterConnect();

private:
    test::ValkeyServer m_server;
};

void TestValkeyClient::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

void TestValkeyClient::parseUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("db");

    const QString none;
    QTest::newRow("default") << QStringLiteral("redis://127.0.0.1:6379/0") << true
                             << QStringLiteral("127.0.0.1") << 6379 << none << none << 0;
    QTest::newRow("no port, no db") << QStringLiteral("redis://localhost") << true
                                    << QStringLiteral("localhost") << 6379 << none << none << 0;
    QTest::newRow("trailing slash")
        << QStringLiteral("redis://h:1/") << true << QStringLiteral("h") << 1 << none << none << 0;
    QTest::newRow("password") << QStringLiteral("redis://:s3cret@10.0.0.5:6380/2") << true
                              << QStringLiteral("10.0.0.5") << 6380 << none
                              << QStringLiteral("s3cret") << 2;
    QTest::newRow("user and encoded password")
        << QStringLiteral("redis://app:p%40ss%3Aword@db.example:7000/15") << true
        << QStringLiteral("db.example") << 7000 << QStringLiteral("app")
        << QStringLiteral("p@ss:word") << 15;
    QTest::newRow("valkey scheme") << QStringLiteral("valkey://cache:6390/1") << true
                                   << QStringLiteral("cache") << 6390 << none << none << 1;
    QTest::newRow("ipv6") << QStringLiteral("redis://[::1]:6379/3") << true << QStringLiteral("::1")
                          << 6379 << none << none << 3;

    QTest::newRow("empty") << QString() << false << none << 0 << none << none << 0;
    QTest::newRow("wrong scheme") << QStringLiteral("http://h:1") << false << none << 0 << none
                                  << none << 0;
    QTest::newRow("tls") << QStringLiteral("rediss://h:1") << false << none << 0 << none << none
                         << 0;
    QTest::newRow("no host") << QStringLiteral("redis://:1/0") << false << none << 0 << none << none
                             << 0;
    QTest::newRow("port 0") << QStringLiteral("redis://h:0") << false << none << 0 << none << none
                            << 0;
    QTest::newRow("port too big") << QStringLiteral("redis://h:70000") << false << none << 0 << none
                                  << none << 0;
    QTest::newRow("port not a number")
        << QStringLiteral("redis://h:abc") << false << none << 0 << none << none << 0;
    QTest::newRow("db not a number")
        << QStringLiteral("redis://h:1/abc") << false << none << 0 << none << none << 0;
    QTest::newRow("negative db") << QStringLiteral("redis://h:1/-1") << false << none << 0 << none
                                 << none << 0;
    QTest::newRow("user without password")
        << QStringLiteral("redis://app@h:1") << false << none << 0 << none << none << 0;
    QTest::newRow("query") << QStringLiteral("redis://h:1/0?timeout=1") << false << none << 0
                           << none << none << 0;
}

void TestValkeyClient::parseUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);

    QString error;
    const std::optional<ValkeyConfig> config = parseValkeyUrl(url, &error);
    QCOMPARE(config.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
        return;
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTEST(config->host, "host");
    QTEST(config->port, "port");
    QTEST(config->username, "username");
    QTEST(config->password, "password");
    QTEST(config->db, "db");
    QCOMPARE(config->commandTimeoutMs, 2000);
    QCOMPARE(config->connectTimeoutMs, 3000);
    QCOMPARE(config->reconnectMinMs, 100);
    QCOMPARE(config->reconnectMaxMs, 5000);
}

void TestValkeyClient::parseUrlErrorHidesPassword()
{
    QString error;
    QVERIFY(!parseValkeyUrl(QStringLiteral("redis://:topsecret@h:1/notadb"), &error));
    QVERIFY2(!error.contains(QStringLiteral("topsecret")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("database")), qPrintable(error));

    ValkeyConfig v6;
    v6.host = QStringLiteral("::1");
    QCOMPARE(v6.endpoint(), QStringLiteral("[::1]:6379"));
}

void TestValkeyClient::basicCommands()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);
    QVERIFY(client->isConnected());

    auto r = runCommand(*client, {"SET", "basic:k", "hello"});
    QVERIFY(r);
    QVERIFY2(r->isOk(), qPrintable(r->errorText()));
    QVERIFY(r->reply().isStatus());
    QCOMPARE(r->reply().toByteArray(), QByteArray("OK"));

    r = runCommand(*client, {"GET", "basic:k"});
    QVERIFY(r && r->isOk());
    QVERIFY(r->reply().isString());
    QCOMPARE(r->reply().toByteArray(), QByteArray("hello"));

    r = runCommand(*client, {"DEL", "basic:n"});
    QVERIFY(r && r->isOk());
    for (int i = 1; i <= 3; ++i) {
        r = runCommand(*client, {"INCR", "basic:n"});
        QVERIFY(r && r->isOk());
        QVERIFY(r->reply().isInteger());
        QCOMPARE(r->reply().toInteger(), qint64(i));
    }

    // A server error is a reply, not a transport failure.
    r = runCommand(*client, {"INCR", "basic:k"});
    QVERIFY(r);
    QCOMPARE(r->kind(), Kind::ServerError);
    QVERIFY(r->isError() && !r->isTransportError());
    QCOMPARE(r->reply().errorCode(), QByteArray("ERR"));
    QVERIFY2(r->errorText().contains(QStringLiteral("not an integer")), qPrintable(r->errorText()));

    r = runCommand(*client, {"LPUSH", "basic:k", "x"});
    QVERIFY(r);
    QCOMPARE(r->reply().errorCode(), QByteArray("WRONGTYPE"));

    const ValkeyClientStats stats = client->stats();
    QVERIFY(stats.commandsSent >= 8);
    QVERIFY(stats.connectedSince.isValid());
    QCOMPARE(stats.pending, quint64(0));
    QCOMPARE(stats.reconnects, quint64(0));
}

void TestValkeyClient::connectsByHostName()
{
    // Resolved off the event-loop thread (QHostInfo), then connected by address.
    ValkeyConfig config = test::configFor(m_server);
    config.host = QStringLiteral("localhost");
    config.db = 3;
    ValkeyClient client(config);
    QSignalSpy connected(&client, &ValkeyClient::connected);
    client.start();
    QVERIFY(connected.wait(5000));
    QVERIFY(runCommand(client, {"SET", "db3:k", "three"}));
    // SELECT took effect: db 0 does not see the key.
    auto plain = test::connectedClient(m_server);
    QVERIFY(plain);
    const auto r = runCommand(*plain, {"GET", "db3:k"});
    QVERIFY(r && r->reply().isNil());
}

void TestValkeyClient::authentication()
{
    test::ValkeyServer server; // its own: it gets a password
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    auto admin = test::connectedClient(server);
    QVERIFY(admin);
    auto r = runCommand(*admin, {"ACL", "SETUSER", "app", "on", ">app-pw", "~*", "&*", "+@all"});
    QVERIFY(r && r->isOk());
    r = runCommand(*admin, {"CONFIG", "SET", "requirepass", "default-pw"});
    QVERIFY(r && r->isOk());

    const auto attempt = [&](const QString &url) -> std::pair<bool, QString> {
        const std::optional<ValkeyConfig> config = parseValkeyUrl(url);
        if (!config)
            return {false, QStringLiteral("bad URL")};
        ValkeyClient client(*config);
        QSignalSpy connected(&client, &ValkeyClient::connected);
        QSignalSpy failed(&client, &ValkeyClient::connectionFailed);
        client.start();
        if (!QTest::qWaitFor([&] { return connected.count() + failed.count() > 0; }, 5000))
            return {false, QStringLiteral("neither connected nor failed")};
        if (connected.count() == 0)
            return {false, failed.first().first().toString()};
        const auto ping = runCommand(client, {"PING"});
        return {ping && ping->isOk(), QString()};
    };
    const QString base = QStringLiteral("127.0.0.1:%1/0").arg(server.port());

    auto [ok, reason] = attempt(QStringLiteral("redis://:default-pw@") + base);
    QVERIFY2(ok, qPrintable(reason));
    std::tie(ok, reason) = attempt(QStringLiteral("redis://app:app-pw@") + base);
    QVERIFY2(ok, qPrintable(reason));

    std::tie(ok, reason) = attempt(QStringLiteral("redis://") + base);
    QVERIFY(!ok);
    QVERIFY2(reason.contains(QStringLiteral("NOAUTH")), qPrintable(reason));

    std::tie(ok, reason) = attempt(QStringLiteral("redis://app:wrong-pw@") + base);
    QVERIFY(!ok);
    QVERIFY2(reason.startsWith(QStringLiteral("cannot connect to Valkey at 127.0.0.1:")) &&
                 reason.contains(QStringLiteral("AUTH failed")) &&
                 !reason.contains(QStringLiteral("wrong-pw")),
             qPrintable(reason));
}

void TestValkeyClient::binarySafeValues()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);

    QByteArray value;
    for (int i = 0; i < 256; ++i)
        value.append(char(i));
    value.append(QByteArrayLiteral("\r\n$5\r\n*1\r\n")); // RESP framing inside a value
    const QByteArray key("bin:\0key\r\n", 10);

    auto r = runCommand(*client, {"SET", key, value});
    QVERIFY(r && r->isOk());
    r = runCommand(*client, {"GET", key});
    QVERIFY(r && r->isOk());
    QCOMPARE(r->reply().toByteArray(), value);

    r = runCommand(*client, {"SET", "bin:empty", QByteArray()});
    QVERIFY(r && r->isOk());
    r = runCommand(*client, {"GET", "bin:empty"});
    QVERIFY(r && r->reply().isString());
    QCOMPARE(r->reply().toByteArray(), QByteArray());
}

void TestValkeyClient::arraysAndNil()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);

    auto r = runCommand(*client, {"GET", "arr:missing"});
    QVERIFY(r && r->isOk());
    QVERIFY(r->reply().isNil());

    QVERIFY(runCommand(*client, {"DEL", "arr:list"}));
    r = runCommand(*client, {"RPUSH", "arr:list", "a", QByteArray("\0b", 2), "c"});
    QVERIFY(r && r->isOk());
    QCOMPARE(r->reply().toInteger(), qint64(3));
    r = runCommand(*client, {"LRANGE", "arr:list", "0", "-1"});
    QVERIFY(r && r->isOk());
    QVERIFY(r->reply().isArray());
    QCOMPARE(r->reply().elements().size(), 3);
    QCOMPARE(r->reply().elements().at(1).toByteArray(), QByteArray("\0b", 2));

    r = runCommand(*client, {"LRANGE", "arr:missing", "0", "-1"});
    QVERIFY(r && r->reply().isArray());
    QVERIFY(r->reply().elements().isEmpty());

    // Nested arrays, integers and nil inside an array.
    r = runCommand(*client, {"EVAL", "return {1, {'x', 2}, false, 'y'}", "0"});
    QVERIFY(r && r->isOk());
    const ValkeyReply expected =
        ValkeyReply::array({ValkeyReply::integer(1),
                            ValkeyReply::array({ValkeyReply::string("x"), ValkeyReply::integer(2)}),
                            ValkeyReply::nil(), ValkeyReply::string("y")});
    QVERIFY2(r->reply() == expected, qPrintable(r->reply().toDebugString()));

    r = runCommand(*client, {"HMGET", "arr:nohash", "a", "b"});
    QVERIFY(r && r->reply().isArray());
    QCOMPARE(r->reply().elements().size(), 2);
    QVERIFY(r->reply().elements().at(0).isNil());
}

void TestValkeyClient::callbackNeverSynchronous()
{
    // Not started: fails with NotConnected, but only from the event loop.
    ValkeyClient idle(test::configFor(m_server));
    int calls = 0;
    Kind kind = Kind::Reply;
    idle.command({"PING"}, this, [&](const ValkeyResult &r) {
        ++calls;
        kind = r.kind();
    });
    QCOMPARE(calls, 0);
    QTRY_COMPARE(calls, 1);
    QCOMPARE(kind, Kind::NotConnected);

    auto client = test::connectedClient(m_server);
    QVERIFY(client);
    calls = 0;
    client->command({"PING"}, this, [&](const ValkeyResult &r) {
        ++calls;
        kind = r.kind();
    });
    client->command({}, this, [&](const ValkeyResult &r) {
        ++calls;
        QVERIFY(r.isServerError());
    });
    QCOMPARE(calls, 0);
    QTRY_COMPARE(calls, 2);
    QCOMPARE(kind, Kind::Reply);
}

void TestValkeyClient::refusesConnectionStateCommands()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);
    for (const char *command : {"subscribe", "PSUBSCRIBE", "monitor", "HELLO", "SELECT"}) {
        const auto refused = runCommand(*client, {command, "1"});
        QVERIFY(refused);
        QCOMPARE(refused->kind(), Kind::ServerError);
    }
    // The connection is still a normal command connection.
    const auto r = runCommand(*client, {"PING"});
    QVERIFY(r && r->isOk());
    QCOMPARE(r->reply().toByteArray(), QByteArray("PONG"));
}

void TestValkeyClient::pipelining10k()
{
    auto client = test::connectedClient(m_server, 10000);
    QVERIFY(client);
    QVERIFY(runCommand(*client, {"DEL", "pipe:n"}));

    constexpr int count = 10000;
    std::vector<qint64> seen;
    seen.reserve(count);
    int failures = 0;
    for (int i = 0; i < count; ++i) {
        client->command({"INCR", "pipe:n"}, this, [&](const ValkeyResult &r) {
            if (!r.isOk())
                ++failures;
            seen.push_back(r.reply().toInteger());
        });
    }
    QCOMPARE(client->stats().pending, quint64(count));
    QTRY_COMPARE_WITH_TIMEOUT(int(seen.size()), count, 30000);
    QCOMPARE(failures, 0);
    // Replies come back in the order the commands went out.
    for (int i = 0; i < count; ++i)
        QCOMPARE(seen[size_t(i)], qint64(i + 1));
    QCOMPARE(client->stats().pending, quint64(0));
    QCOMPARE(client->stats().timeouts, quint64(0));
}

void TestValkeyClient::evalShaFallsBackAfterScriptFlush()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);

    const LuaScript script(QStringLiteral("set_and_get"),
                           "redis.call('SET', KEYS[1], ARGV[1]) "
                           "return {redis.call('GET', KEYS[1]), tonumber(ARGV[2]) * 2}");
    QCOMPARE(script.sha1().size(), 40);

    auto exists = [&]() -> qint64 {
        const auto r = runCommand(*client, {"SCRIPT", "EXISTS", script.sha1()});
        return r && r->reply().isArray() ? r->reply().elements().value(0).toInteger() : -1;
    };
    auto runScript = [&](const QByteArray &value) -> std::optional<ValkeyResult> {
        std::optional<ValkeyResult> result;
        int calls = 0;
        client->eval(script, {"lua:k"}, {value, "21"}, this, [&](const ValkeyResult &r) {
            ++calls;
            result = r;
        });
        if (!QTest::qWaitFor([&] { return calls > 0; }, 5000) || calls != 1)
            return std::nullopt;
        return result;
    };

    QVERIFY(runCommand(*client, {"SCRIPT", "FLUSH"}));
    QCOMPARE(exists(), qint64(0));

    // Unknown to the server: EVALSHA gets NOSCRIPT, EVAL runs it (and caches it).
    auto r = runScript("first");
    QVERIFY(r);
    QVERIFY2(r->isOk(), qPrintable(r->errorText()));
    QCOMPARE(r->reply().elements().value(0).toByteArray(), QByteArray("first"));
    QCOMPARE(r->reply().elements().value(1).toInteger(), qint64(42));
    QCOMPARE(exists(), qint64(1));

    // Cached: plain EVALSHA.
    r = runScript("second");
    QVERIFY(r && r->isOk());
    QCOMPARE(r->reply().elements().value(0).toByteArray(), QByteArray("second"));

    // As after a server restart.
    QVERIFY(runCommand(*client, {"SCRIPT", "FLUSH"}));
    QCOMPARE(exists(), qint64(0));
    r = runScript("third");
    QVERIFY(r && r->isOk());
    QCOMPARE(r->reply().elements().value(0).toByteArray(), QByteArray("third"));

    // A script that fails reports the server's error once, without looping.
    const LuaScript broken(QStringLiteral("broken"), "return redis.call('NOSUCHCOMMAND')");
    int calls = 0;
    std::optional<ValkeyResult> failed;
    client->eval(broken, {}, {}, this, [&](const ValkeyResult &res) {
        ++calls;
        failed = res;
    });
    QTRY_COMPARE(calls, 1);
    QCOMPARE(failed->kind(), Kind::ServerError);
    QVERIFY(failed->reply().errorCode() != "NOSCRIPT");
}

void TestValkeyClient::loadScriptsAfterConnect()
{
    const LuaScript script(QStringLiteral("preloaded"), "return 'preloaded'");
    auto admin = test::connectedClient(m_server);
    QVERIFY(admin);
    QVERIFY(runCommand(*admin, {"SCRIPT", "FLUSH"}));

    ValkeyClient client(test::configFor(m_server));
    client.loadScripts({script});
    QSignalSpy connected(&client, &ValkeyClient::connected);
    client.start();
    QVERIFY(connected.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto r = runCommand(*admin, {"SCRIPT", "EXISTS", script.sha1()});
            return r && r->reply().elements().value(0).toInteger() == 1;
        }(),
        5000);
}

QTEST_GUILESS_MAIN(TestValkeyClient)
#include "tst_valkeyclient.moc"
