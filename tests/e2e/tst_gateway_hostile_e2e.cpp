// End to end: the gateway against hostile clients, with real backend processes. Each bad-input
// class gets a clear error or close code, no crash, and the instance keeps serving: binary and
// oversized frames, fragments, invalid UTF-8, ping and pong floods from a peer that does not
// read, floods of valid messages, request/cancel loops, Origin, 405/414, slowloris, connection
// floods from one address, trusted proxies and wss.
#include "E2eStack.h"
#include "RawWsClient.h"
#include "backend/WsTestClient.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

using namespace hb::test;

namespace {

QJsonObject parse(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

QString type(const QJsonObject &o)
{
    return o.value(QStringLiteral("type")).toString();
}

QByteArray hello(const QString &token)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("hello")},
                                     {QStringLiteral("token"), token}})
        .toJson(QJsonDocument::Compact);
}

QProcessEnvironment env(std::initializer_list<std::pair<const char *, QString>> values)
{
    QProcessEnvironment e;
    for (const auto &[name, value] : values)
        e.insert(QLatin1String(name), value);
    return e;
}

} // namespace

class TestGatewayHostileE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    std::unique_ptr<BackendProcess> m_a;

    // A raw client past `welcome` on `backend` as `token`'s user.
    std::unique_ptr<RawWsClient> rawSignedIn(BackendProcess &backend, const QString &token)
    {
        auto c = std::make_unique<RawWsClient>();
        if (!c->connectTo(backend.port()) || !c->handshake().startsWith("HTTP/1.1 101"))
            return nullptr;
        c->sendText(hello(token));
        if (type(parse(c->nextText())) != QLatin1String("welcome"))
            return nullptr;
        return c;
    }

    bool stillServes(BackendProcess &backend)
    {
        WsTestClient c;
        return !c.connectAndHello(backend.url(), m_stack.customerToken(QStringLiteral("c-check"),
                                                                       QStringLiteral("Check")))
                    .isEmpty();
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
        m_a = m_stack.startBackend(
            QStringLiteral("hostile-a"), &error,
            env({{"HALOBESTIE_ALLOWED_ORIGINS", QStringLiteral("https://ok.example")},
                 {"HALOBESTIE_REQUEST_HEAD_TIMEOUT_S", QStringLiteral("1")}}));
        QVERIFY2(m_a, qPrintable(error));
    }

    void cleanupTestCase()
    {
        if (m_a)
            QCOMPARE(m_a->stop(), 0);
    }

    void binaryFrameGetsBadRequest()
    {
        auto c = rawSignedIn(*m_a, m_stack.customerToken(QStringLiteral("c-bin"), QStringLiteral("B")));
        QVERIFY(c);
        c->sendFrame(RawWsClient::Binary, "\x01\x02");
        const QJsonObject error = parse(c->nextText());
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
        QVERIFY(c->isConnected());
    }

    void frameOverTheLimitCloses1009_data()
    {
        QTest::addColumn<bool>("signedIn");
        QTest::addColumn<int>("bytes");
        QTest::newRow("before hello: 20 KiB") << false << 20 * 1024;
        QTest::newRow("after welcome: 2 MiB") << true << 2 * 1024 * 1024;
    }

    void frameOverTheLimitCloses1009()
    {
        QFETCH(bool, signedIn);
        QFETCH(int, bytes);
        std::unique_ptr<RawWsClient> c;
        if (signedIn) {
            c = rawSignedIn(*m_a, m_stack.customerToken(QStringLiteral("c-big"), QStringLiteral("B")));
        } else {
            c = std::make_unique<RawWsClient>();
            QVERIFY(c->connectTo(m_a->port()));
            QVERIFY(c->handshake().startsWith("HTTP/1.1 101"));
        }
        QVERIFY(c);
        c->sendText("{\"type\":\"hello\",\"token\":\"" + QByteArray(bytes, 'x') + "\"}");
        QCOMPARE(c->waitCloseCode(), 1009);
        QVERIFY(stillServes(*m_a));
    }

    void fragmentedMessageIsReassembled()
    {
        auto c = rawSignedIn(*m_a, m_stack.mitraToken(QStringLiteral("m-frag"), QStringLiteral("F")));
        QVERIFY(c);
        c->sendFrame(RawWsClient::Text, "{\"type\":\"heart", false);
        c->sendFrame(RawWsClient::Continuation, "beat\",\"id\":", false);
        c->sendFrame(RawWsClient::Continuation, "\"f-1\"}", true);
        QJsonObject reply;
        for (int i = 0; i < 5 && type(reply) != QLatin1String("heartbeat.ack"); ++i)
            reply = parse(c->nextText());
        QCOMPARE(reply.value(QStringLiteral("ref")).toString(), QStringLiteral("f-1"));
    }

    void invalidUtf8Closes1007()
    {
        auto c = rawSignedIn(*m_a, m_stack.customerToken(QStringLiteral("c-utf"), QStringLiteral("U")));
        QVERIFY(c);
        c->sendText("{\"type\":\"heartbeat\",\"x\":\"\xff\xfe\"}");
        QCOMPARE(c->waitCloseCode(), 1007);
    }

    void pingFloodFromANonReaderIsDropped()
    {
        // An instance of its own, with the default limits, so its log can be read afterwards.
        QString error;
        auto b = m_stack.startBackend(QStringLiteral("hostile-ping"), &error);
        QVERIFY2(b, qPrintable(error));
        auto c = rawSignedIn(*b, m_stack.customerToken(QStringLiteral("c-ping"), QStringLiteral("P")));
        QVERIFY(c);
        const qint64 before = b->residentKiB();
        QVERIFY(before > 0);
        // Stop reading: Qt leaves what arrives in the kernel, whose buffers then fill up.
        c->socket().setReadBufferSize(1);
        const QByteArray payload(125, 'p');
        qint64 peak = before;
        int sent = 0;
        constexpr int kPings = 400000; // ~50 MB of pongs owed: far above every buffer
        while (sent < kPings && c->socket().state() == QAbstractSocket::ConnectedState) {
            for (int i = 0; i < 5000; ++i)
                c->sendFrame(RawWsClient::Ping, payload);
            // A message now and then, so the peer is not dropped as silent: only the backlog
            // limit may drop it here.
            c->sendText("{\"type\":\"heartbeat\"}");
            sent += 5000;
            c->socket().waitForBytesWritten(2000);
            peak = std::max(peak, b->residentKiB());
        }
        // A socket that does not read notices the drop when a write fails: keep pinging.
        QTRY_VERIFY_WITH_TIMEOUT((c->socket().state() == QAbstractSocket::UnconnectedState ||
                                  (c->sendFrame(RawWsClient::Ping, payload), false)),
                                 30000);
        peak = std::max(peak, b->residentKiB());
        qInfo("ping flood: %d pings sent before the drop; backend RSS %lld KiB -> peak %lld KiB",
              sent, before, peak);
        QVERIFY2(peak - before < 32 * 1024, qPrintable(QString::number(peak - before)));
        QVERIFY(stillServes(*b));
        QCOMPARE(b->stop(), 0);
        QVERIFY2(b->output().contains("is not reading"), b->output().right(2000).constData());
    }

    void unsolicitedPongsDoNotKeepASilentPeerAlive()
    {
        auto c = rawSignedIn(*m_a, m_stack.customerToken(QStringLiteral("c-pong"), QStringLiteral("P")));
        QVERIFY(c); // a raw client never answers the server's pings
        QTimer flood;
        connect(&flood, &QTimer::timeout, this, [&c] {
            for (int i = 0; i < 50; ++i)
                c->sendFrame(RawWsClient::Pong, "not-yours");
        });
        flood.start(100);
        // e2e heartbeat interval 1 s: dropped after 3 intervals + 5 s of silence.
        QTRY_VERIFY_WITH_TIMEOUT(c->socket().state() == QAbstractSocket::UnconnectedState, 30000);
        flood.stop();
    }

    void floodOfValidMessagesIsRateLimitedThenClosed1008()
    {
        WsTestClient c;
        QVERIFY(!c.connectAndHello(m_a->url(), m_stack.mitraToken(QStringLiteral("m-flood"),
                                                                  QStringLiteral("F")))
                     .isEmpty());
        for (int i = 0; i < 300; ++i)
            c.sendRaw(QStringLiteral("{\"type\":\"heartbeat\",\"id\":\"h%1\"}").arg(i));
        int firstLimited = -1;
        qint64 retryAfter = -1;
        for (int i = 0; i < 300 && firstLimited < 0; ++i) {
            const QJsonObject m = c.next();
            QVERIFY2(!m.isEmpty(), qPrintable(c.recent()));
            if (m.value(QStringLiteral("code")).toString() == QLatin1String("rate_limited")) {
                firstLimited = m.value(QStringLiteral("ref")).toString().mid(1).toInt();
                retryAfter = m.value(QStringLiteral("retry_after_ms")).toInteger(-1);
            }
        }
        QVERIFY2(firstLimited >= 0 && firstLimited < 100, qPrintable(QString::number(firstLimited)));
        QVERIFY(retryAfter > 0);
        QVERIFY(c.waitClosed(20000));
        QCOMPARE(c.closeCode(), 1008);
    }

    void closeCodeArrivesThoughTheClientKeepsSending()
    {
        // Closed for abuse while thousands of its frames are still unread on our side: closing
        // the descriptor then would make the kernel send a reset, which can swallow the close
        // frame. The client must still learn 1008 (its app stops retrying on it).
        WsTestClient c;
        QVERIFY(!c.connectAndHello(m_a->url(), m_stack.mitraToken(QStringLiteral("m-burst"),
                                                                  QStringLiteral("B")))
                     .isEmpty());
        const QString bad = QStringLiteral("{\"type\":\"no-such-type\",\"pad\":\"%1\"}")
                                .arg(QString(1000, QLatin1Char('x')));
        for (int i = 0; i < 3000; ++i)
            c.sendRaw(bad);
        QVERIFY(c.waitClosed(20000));
        QCOMPARE(c.closeCode(), 1008);
    }

    void requestCancelLoopWithThirtyMitrasIsSlowed()
    {
        std::vector<std::unique_ptr<WsTestClient>> mitras;
        for (int i = 0; i < 30; ++i) {
            mitras.push_back(m_stack.onlineMitra(m_a->url(), QStringLiteral("m-loop-%1").arg(i)));
            QVERIFY(mitras.back());
        }
        WsTestClient c;
        QVERIFY(!c.connectAndHello(m_a->url(), m_stack.customerToken(QStringLiteral("c-loop"),
                                                                     QStringLiteral("L")))
                     .isEmpty());
        int slowedAt = -1;
        QJsonObject refusal;
        for (int cycle = 0; cycle < 100 && slowedAt < 0; ++cycle) {
            const QJsonObject reply = c.request(msg("pairing.request"));
            QVERIFY2(!reply.isEmpty(), qPrintable(c.recent()));
            if (type(reply) == QLatin1String("error")) {
                QCOMPARE(reply.value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
                slowedAt = cycle;
                refusal = reply;
                break;
            }
            const QJsonObject cancelled = c.request(
                msg("pairing.cancel", {{QStringLiteral("request_id"), reply.value(QStringLiteral("request_id"))}}));
            if (type(cancelled) == QLatin1String("error")) {
                QCOMPARE(cancelled.value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
                slowedAt = cycle;
                refusal = cancelled;
            }
        }
        qInfo("request/cancel loop slowed at cycle %d, retry after %lld ms", slowedAt,
              refusal.value(QStringLiteral("retry_after_ms")).toInteger());
        QVERIFY(slowedAt >= 0 && slowedAt < 100);
        QVERIFY(refusal.value(QStringLiteral("retry_after_ms")).toInteger() > 0);
    }

    void originAllowedAndRefused()
    {
        RawWsClient ok;
        QVERIFY(ok.connectTo(m_a->port()));
        QVERIFY(ok.handshake({"Origin: https://ok.example"}).startsWith("HTTP/1.1 101"));
        RawWsClient evil;
        QVERIFY(evil.connectTo(m_a->port()));
        const QByteArray status = evil.handshake({"Origin: https://evil.example"});
        QVERIFY2(!status.startsWith("HTTP/1.1 101"), status.constData());
    }

    void wrongMethodAndLongUri()
    {
        RawWsClient post;
        QVERIFY(post.connectTo(m_a->port()));
        post.socket().write("POST /v1/ws HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(post.waitDisconnected());
        RawWsClient longUri;
        QVERIFY(longUri.connectTo(m_a->port()));
        longUri.socket().write("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n");
        QVERIFY(longUri.socket().waitForReadyRead(5000));
        QVERIFY(longUri.socket().readAll().startsWith("HTTP/1.1 414"));
    }

    void slowlorisIsCutOff_data()
    {
        QTest::addColumn<QByteArray>("start");
        QTest::addColumn<QByteArray>("drip");
        QTest::newRow("request line") << QByteArray("GET /v1/") << QByteArray("w");
        QTest::newRow("headers") << QByteArray("GET /v1/ws HTTP/1.1\r\nHost: x\r\n")
                                 << QByteArray("X-Slow: 1\r\n");
    }

    void slowlorisIsCutOff()
    {
        QFETCH(QByteArray, start);
        QFETCH(QByteArray, drip);
        RawWsClient c;
        QVERIFY(c.connectTo(m_a->port()));
        c.socket().write(start);
        QTimer dripper;
        connect(&dripper, &QTimer::timeout, this, [&c, drip] { c.socket().write(drip); });
        dripper.start(200);
        // The whole head is due within 1 s here (HALOBESTIE_REQUEST_HEAD_TIMEOUT_S).
        QTRY_VERIFY_WITH_TIMEOUT(c.socket().state() == QAbstractSocket::UnconnectedState, 10000);
    }

    void connectionCapsPerAddressAndBeforeWelcome()
    {
        QString error;
        auto b = m_stack.startBackend(QStringLiteral("hostile-caps"), &error,
                                      env({{"HALOBESTIE_MAX_CONNECTIONS_PER_ADDRESS", QStringLiteral("8")},
                                           {"HALOBESTIE_MAX_UNAUTHENTICATED", QStringLiteral("5")},
                                           {"HALOBESTIE_HELLO_TIMEOUT_S", QStringLiteral("60")}}));
        QVERIFY2(b, qPrintable(error));
        std::vector<std::unique_ptr<RawWsClient>> open;
        for (int i = 0; i < 5; ++i) {
            open.push_back(std::make_unique<RawWsClient>());
            QVERIFY(open.back()->connectTo(b->port()));
            QVERIFY(open.back()->handshake().startsWith("HTTP/1.1 101"));
        }
        RawWsClient sixth;
        QVERIFY(sixth.connectTo(b->port()));
        QVERIFY(sixth.handshake().startsWith("HTTP/1.1 503"));
        // Four sign in: room for more unauthenticated ones, up to 8 from this address.
        for (int i = 0; i < 4; ++i) {
            open[size_t(i)]->sendText(hello(m_stack.customerToken(QStringLiteral("c-cap-%1").arg(i),
                                                                  QStringLiteral("C"))));
            QCOMPARE(type(parse(open[size_t(i)]->nextText())), QStringLiteral("welcome"));
        }
        for (int i = 0; i < 3; ++i) {
            open.push_back(std::make_unique<RawWsClient>());
            QVERIFY(open.back()->connectTo(b->port()));
            QVERIFY(open.back()->handshake().startsWith("HTTP/1.1 101"));
        }
        RawWsClient ninth;
        QVERIFY(ninth.connectTo(b->port()));
        QVERIFY(ninth.handshake().startsWith("HTTP/1.1 429"));
        // One leaves: the place is free again.
        open.front()->socket().abort();
        const auto admitted = [&b] {
            RawWsClient again;
            return again.connectTo(b->port()) && again.handshake().startsWith("HTTP/1.1 101");
        };
        QTRY_VERIFY_WITH_TIMEOUT(admitted(), 10000);
        QCOMPARE(b->stop(), 0);
    }

    void trustedProxyNamesTheClient()
    {
        QString error;
        auto b = m_stack.startBackend(QStringLiteral("hostile-proxy"), &error,
                                      env({{"HALOBESTIE_TRUSTED_PROXIES", QStringLiteral("127.0.0.0/8")},
                                           {"HALOBESTIE_MAX_CONNECTIONS_PER_ADDRESS", QStringLiteral("2")}}));
        QVERIFY2(b, qPrintable(error));
        // Three clients through the proxy (all from 127.0.0.1): counted by their own address.
        RawWsClient a1, a2, a3, other;
        for (RawWsClient *c : {&a1, &a2, &a3, &other})
            QVERIFY(c->connectTo(b->port()));
        QVERIFY(a1.handshake({"X-Forwarded-For: 6.6.6.6, 198.51.100.1"}).startsWith("HTTP/1.1 101"));
        QVERIFY(a2.handshake({"X-Forwarded-For: 198.51.100.1"}).startsWith("HTTP/1.1 101"));
        QVERIFY(a3.handshake({"X-Forwarded-For: 198.51.100.1"}).startsWith("HTTP/1.1 429"));
        QVERIFY(other.handshake({"X-Forwarded-For: 198.51.100.2"}).startsWith("HTTP/1.1 101"));
        // A PROXY protocol v1 line from the trusted proxy names the client too.
        RawWsClient viaProxyLine;
        QVERIFY(viaProxyLine.connectTo(b->port()));
        viaProxyLine.socket().write("PROXY TCP4 198.51.100.1 127.0.0.1 5555 443\r\n");
        QVERIFY(viaProxyLine.handshake().startsWith("HTTP/1.1 429"));
        QCOMPARE(b->stop(), 0);
    }

    void wssWithATestMadeCertificate()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                       QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("1"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY(openssl.waitForFinished(60000));
        QCOMPARE(openssl.exitCode(), 0);

        QString error;
        auto b = m_stack.startBackend(QStringLiteral("hostile-tls"), &error,
                                      env({{"HALOBESTIE_TLS_CERT", cert}, {"HALOBESTIE_TLS_KEY", key}}));
        QVERIFY2(b, qPrintable(error));
        const QString url = QStringLiteral("wss://127.0.0.1:%1/v1/ws").arg(b->port());

        // With the test's CA the certificate checks pass and the protocol runs as over ws.
        QWebSocket trusted;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(cert));
        trusted.setSslConfiguration(tls);
        QSignalSpy connected(&trusted, &QWebSocket::connected);
        QSignalSpy text(&trusted, &QWebSocket::textMessageReceived);
        trusted.open(QUrl(url));
        QVERIFY(connected.wait(10000));
        trusted.sendTextMessage(QString::fromUtf8(
            hello(m_stack.customerToken(QStringLiteral("c-tls"), QStringLiteral("T")))));
        QVERIFY(text.wait(10000));
        QCOMPARE(type(parse(text.first().first().toString().toUtf8())), QStringLiteral("welcome"));

        // Without it the client refuses the server; a plain ws client gets nowhere.
        QWebSocket untrusted;
        QSignalSpy sslErrors(&untrusted, &QWebSocket::sslErrors);
        QSignalSpy untrustedConnected(&untrusted, &QWebSocket::connected);
        untrusted.open(QUrl(url));
        QVERIFY(sslErrors.wait(10000));
        QVERIFY(untrustedConnected.isEmpty());
        RawWsClient plain;
        QVERIFY(plain.connectTo(b->port()));
        QVERIFY(!plain.handshake({}, 3000).startsWith("HTTP/1.1 101"));
        trusted.close();
        QCOMPARE(b->stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGatewayHostileE2e)
#include "tst_gateway_hostile_e2e.moc"
