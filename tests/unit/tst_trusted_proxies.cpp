// HALOBESTIE_TRUSTED_PROXIES parsing, X-Forwarded-For resolution and PROXY protocol v1 lines.
#include "gateway/ProxyProtocol.h"
#include "gateway/TrustedProxies.h"

#include <QTest>

using namespace hb;

namespace {
TrustedProxies proxies(const QString &text)
{
    QString error;
    const auto parsed = TrustedProxies::parse(text, &error);
    if (!parsed)
        qFatal("%s", qPrintable(error));
    return *parsed;
}
QHostAddress ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text));
}
} // namespace

class TestTrustedProxies : public QObject
{
    Q_OBJECT
private slots:
    void parsesBlocksAndSingleAddresses()
    {
        const TrustedProxies p = proxies(QStringLiteral(" 10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1"));
        QVERIFY(p.contains(ip("10.200.3.4")));
        QVERIFY(p.contains(ip("::ffff:10.0.0.1"))); // IPv4-mapped: the same host
        QVERIFY(p.contains(ip("192.168.1.7")));
        QVERIFY(!p.contains(ip("192.168.1.8")));
        QVERIFY(p.contains(ip("fd12::5")));
        QVERIFY(p.contains(ip("::1")));
        QVERIFY(!p.contains(ip("11.0.0.1")));
        QVERIFY(proxies(QString()).isEmpty());
        QVERIFY(!proxies(QString()).contains(ip("127.0.0.1")));
    }

    void refusesBadEntries_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("not an address") << QStringLiteral("proxy.example");
        QTest::newRow("bad prefix") << QStringLiteral("10.0.0.0/33");
        QTest::newRow("bad block") << QStringLiteral("10.0.0.0/x");
        QTest::newRow("one bad of two") << QStringLiteral("10.0.0.1, 300.1.1.1");
    }

    void refusesBadEntries()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!TrustedProxies::parse(text, &error));
        QVERIFY(!error.isEmpty());
    }

    void clientIsTheRightmostUntrustedHop_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QList<QByteArray>>("forwardedFor");
        QTest::addColumn<QString>("client");
        QTest::newRow("untrusted peer ignores the header")
            << "203.0.113.9" << QList<QByteArray>{"1.1.1.1"} << "203.0.113.9";
        QTest::newRow("trusted peer, no header") << "10.0.0.2" << QList<QByteArray>{}
                                                 << "10.0.0.2";
        QTest::newRow("one hop") << "10.0.0.2" << QList<QByteArray>{"198.51.100.7"}
                                 << "198.51.100.7";
        QTest::newRow("spoofed left part ignored")
            << "10.0.0.2" << QList<QByteArray>{"6.6.6.6, 198.51.100.7"} << "198.51.100.7";
        QTest::newRow("chain of trusted proxies")
            << "10.0.0.2" << QList<QByteArray>{"198.51.100.7, 10.9.9.9"} << "198.51.100.7";
        QTest::newRow("several headers in order")
            << "10.0.0.2" << QList<QByteArray>{"6.6.6.6", "198.51.100.7"} << "198.51.100.7";
        QTest::newRow("port and brackets")
            << "10.0.0.2" << QList<QByteArray>{"[2001:db8::7]:4711"} << "2001:db8::7";
        QTest::newRow("v4 with port") << "10.0.0.2" << QList<QByteArray>{"198.51.100.7:1234"}
                                      << "198.51.100.7";
        QTest::newRow("unreadable hop keeps the proxy")
            << "10.0.0.2" << QList<QByteArray>{"unknown"} << "10.0.0.2";
        QTest::newRow("all trusted") << "10.0.0.2" << QList<QByteArray>{"10.1.1.1"}
                                     << "10.1.1.1";
        QTest::newRow("mapped peer") << "::ffff:10.0.0.2" << QList<QByteArray>{"198.51.100.7"}
                                     << "198.51.100.7";
    }

    void clientIsTheRightmostUntrustedHop()
    {
        QFETCH(QString, peer);
        QFETCH(QList<QByteArray>, forwardedFor);
        QFETCH(QString, client);
        const TrustedProxies p = proxies(QStringLiteral("10.0.0.0/8"));
        QCOMPARE(p.clientAddress(QHostAddress(peer), forwardedFor), QHostAddress(client));
    }

    void proxyProtocolV1_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("client");
        using S = ProxyHeader::Status;
        QTest::newRow("http") << QByteArray("GET /v1/ws HTTP/1.1\r\n") << int(S::NotProxy) << "";
        QTest::newRow("partial prefix") << QByteArray("PRO") << int(S::Incomplete) << "";
        QTest::newRow("no crlf yet") << QByteArray("PROXY TCP4 1.2.3.4") << int(S::Incomplete)
                                     << "";
        QTest::newRow("tcp4") << QByteArray("PROXY TCP4 198.51.100.7 10.0.0.1 5555 443\r\nGET")
                              << int(S::Address) << "198.51.100.7";
        QTest::newRow("tcp6") << QByteArray("PROXY TCP6 2001:db8::7 2001:db8::1 5555 443\r\n")
                              << int(S::Address) << "2001:db8::7";
        QTest::newRow("unknown") << QByteArray("PROXY UNKNOWN\r\n") << int(S::Unknown) << "";
        QTest::newRow("family mismatch")
            << QByteArray("PROXY TCP6 198.51.100.7 10.0.0.1 5555 443\r\n") << int(S::Invalid) << "";
        QTest::newRow("bad port") << QByteArray("PROXY TCP4 198.51.100.7 10.0.0.1 99999 443\r\n")
                                  << int(S::Invalid) << "";
        QTest::newRow("missing field") << QByteArray("PROXY TCP4 198.51.100.7 10.0.0.1 5555\r\n")
                                       << int(S::Invalid) << "";
        QTest::newRow("too long") << QByteArray("PROXY " + QByteArray(200, 'x')) << int(S::Invalid)
                                  << "";
    }

    void proxyProtocolV1()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        QFETCH(QString, client);
        const ProxyHeader header = parseProxyHeader(head);
        QCOMPARE(int(header.status), status);
        if (header.status == ProxyHeader::Status::Address) {
            QCOMPARE(header.client, QHostAddress(client));
            QCOMPARE(header.length, head.indexOf("\r\n") + 2);
        }
    }
};

QTEST_APPLESS_MAIN(TestTrustedProxies)
#include "tst_trusted_proxies.moc"
