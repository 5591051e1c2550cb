// End to end, two instances: a user is a role and an id (a mitra and a customer with the same id
// are two people, neither replaces the other nor gets the other's messages), and ids, names and
// usernames with NUL or control characters are refused with bad_request, changing nothing.
#include "E2eStack.h"
#include "auth/Jwt.h"
#include "backend/WsTestClient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTest>

using namespace hb::test;

namespace {

// How long "nothing happens" is watched for: negative checks need a window.
constexpr int kQuietMs = 1500;

QString code(const QJsonObject &error)
{
    return error.value(QStringLiteral("code")).toString();
}

} // namespace

class TestIdentityInputE2e : public QObject
{
    Q_OBJECT

    E2eStack m_stack;
    std::unique_ptr<BackendProcess> m_a;
    std::unique_ptr<BackendProcess> m_b;

    QString count(const QString &table) const
    {
        return m_stack.sql(QStringLiteral("select count(*) from %1").arg(table)).value(0).value(0);
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
        m_a = m_stack.startBackend(QStringLiteral("inst-a"), &error);
        QVERIFY2(m_a, qPrintable(error));
        m_b = m_stack.startBackend(QStringLiteral("inst-b"), &error);
        QVERIFY2(m_b, qPrintable(error));
    }

    void cleanupTestCase()
    {
        if (m_a)
            QCOMPARE(m_a->stop(), 0);
        if (m_b)
            QCOMPARE(m_b->stop(), 0);
    }

    // Mitra "dup-1" on inst-a, customer "dup-1" on inst-b: both stay connected, the customer's
    // request is offered to the mitra only, and the answer reaches the customer only.
    void aMitraAndACustomerMayShareAnId()
    {
        const QString id = QStringLiteral("dup-1");
        auto mitra = m_stack.onlineMitra(m_a->url(), id, QStringLiteral("Sari"));
        QVERIFY(mitra);
        auto customer = m_stack.customer(m_b->url(), id, QStringLiteral("Rina"));
        QVERIFY(customer);
        // Each holds its own connection key; neither was replaced (4002).
        QVERIFY(!m_stack.valkey({QStringLiteral("GET"), QStringLiteral("hb:conn:mitra:dup-1")})
                     .isEmpty());
        QVERIFY(!m_stack.valkey({QStringLiteral("GET"), QStringLiteral("hb:conn:customer:dup-1")})
                     .isEmpty());
        QVERIFY(!mitra->waitClosed(kQuietMs));
        QVERIFY(!customer->waitClosed(100));

        const QJsonObject asked = customer->request(msg("pairing.request"));
        const QString rid = asked.value(QStringLiteral("request_id")).toString();
        QVERIFY2(!rid.isEmpty(), qPrintable(customer->recent()));
        const QJsonObject offer = mitra->waitFor(QStringLiteral("offer"));
        QCOMPARE(offer.value(QStringLiteral("request_id")).toString(), rid);
        mitra->send(msg("offer.accept", {{QStringLiteral("request_id"), rid}}));
        QCOMPARE(customer->waitFor(QStringLiteral("pairing.found"))
                     .value(QStringLiteral("request_id"))
                     .toString(),
                 rid);
        // The mitra's messages went to the mitra's socket, the customer's to the customer's.
        QVERIFY(customer->receivedOfType(QStringLiteral("offer")).isEmpty());
        QVERIFY(mitra->receivedOfType(QStringLiteral("pairing.found")).isEmpty());
        QVERIFY(!mitra->waitClosed(100));
        QVERIFY(!customer->waitClosed(100));

        // A second connection of the customer replaces the customer, not the mitra.
        auto again = m_stack.customer(m_a->url(), id, QStringLiteral("Rina"));
        QVERIFY(again);
        QVERIFY(customer->waitClosed());
        QCOMPARE(customer->closeCode(), 4002);
        QVERIFY(!mitra->waitClosed(kQuietMs));
    }

    void controlCharactersAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::newRow("NUL in a request id")
            << QStringLiteral(R"({"type":"pairing.cancel","request_id":"r-1\u0000x"})");
        QTest::newRow("control character in a request id")
            << QStringLiteral(R"({"type":"offer.accept","request_id":"r-1\u0007"})");
        QTest::newRow("NUL in a session id")
            << QStringLiteral(R"({"type":"session.end","session_id":"s\u0000"})");
        QTest::newRow("NUL in the message id")
            << QStringLiteral(R"({"type":"pairing.request","id":"c\u0000-1"})");
        QTest::newRow("DEL in a mitra id")
            << QStringLiteral(R"({"type":"capacity.set","scope":"mitra","mitra_id":"m\u007f","max_customers":1})");
    }

    void controlCharactersAreRefusedAndChangeNothing()
    {
        QFETCH(QString, frame);
        auto c = m_stack.customer(m_a->url(), QStringLiteral("c-ctl"));
        QVERIFY(c);
        const QString requests = count(QStringLiteral("pairing_requests"));
        c->sendRaw(frame);
        const QJsonObject error = c->waitFor(QStringLiteral("error"));
        QCOMPARE(code(error), QStringLiteral("bad_request"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(
                     QStringLiteral("control characters")),
                 qPrintable(c->recent()));
        // Still usable, and nothing was asked for.
        QCOMPARE(c->request(msg("heartbeat")).value(QStringLiteral("type")).toString(),
                 QStringLiteral("heartbeat.ack"));
        QCOMPARE(count(QStringLiteral("pairing_requests")), requests);
        QVERIFY(m_stack.valkeyList({QStringLiteral("KEYS"), QStringLiteral("hb:customer:c-ctl*")})
                    .filter(QStringLiteral("session"))
                    .isEmpty());
    }

    // libpq would stop at the NUL ("ops") while the rate limiter counts the whole text: such a
    // username never reaches either, nor the audit log. As the first frame it is a malformed
    // first message, which the gateway answers `unauthorized` (close 4001) naming the reason.
    void nulInALoginUsernameIsRefused()
    {
        const QString failures = count(QStringLiteral("audit_log"));
        WsTestClient c;
        QVERIFY(c.open(m_a->url()));
        c.sendRaw(QStringLiteral(R"({"type":"login","username":"ops\u0000x","password":"pw"})"));
        const QJsonObject error = c.waitFor(QStringLiteral("error"));
        QCOMPARE(code(error), QStringLiteral("unauthorized"));
        QVERIFY2(error.value(QStringLiteral("message"))
                     .toString()
                     .contains(QStringLiteral("'username' must not contain control characters")),
                 qPrintable(c.recent()));
        QVERIFY(c.waitClosed());
        QCOMPARE(c.closeCode(), 4001);
        // A real failed sign-in is audited; this one never became one.
        WsTestClient wrong;
        QVERIFY(wrong.open(m_a->url()));
        const QJsonObject refused = wrong.request(
            msg("login", {{QStringLiteral("username"), QStringLiteral("ops-ctl")},
                          {QStringLiteral("password"), QStringLiteral("not-it")}}),
            15000);
        QCOMPARE(code(refused), QStringLiteral("unauthorized"));
        QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("audit_log")).toInt(), failures.toInt() + 1,
                                  10000);
        QCOMPARE(m_stack.sql(QStringLiteral("select count(*) from audit_log where target like "
                                            "'ops%' and target <> 'ops-ctl'"))
                     .value(0)
                     .value(0),
                 QStringLiteral("0"));
    }

    // A token correctly signed whose sub or name holds a control character: bad_request, close
    // 4001, and no user row is made.
    void controlCharactersInTokenClaimsAreRefused_data()
    {
        QTest::addColumn<QString>("sub");
        QTest::addColumn<QString>("name");
        QTest::newRow("NUL in sub") << QStringLiteral("m-nul\u0000x") << QStringLiteral("Nul");
        QTest::newRow("newline in name") << QStringLiteral("m-nl") << QStringLiteral("Sari\nAdmin");
    }

    void controlCharactersInTokenClaimsAreRefused()
    {
        QFETCH(QString, sub);
        QFETCH(QString, name);
        const QString mitras = count(QStringLiteral("mitras"));
        const hb::JwtRules rules = E2eStack::jwtRules();
        hb::JwtClaims claims;
        claims.sub = sub;
        claims.role = hb::Role::Mitra;
        claims.name = name;
        claims.iat = QDateTime::currentSecsSinceEpoch();
        claims.exp = *claims.iat + 600;
        claims.issuer = rules.issuer;
        claims.audience = rules.appAudience;
        WsTestClient c;
        QVERIFY(c.open(m_a->url()));
        c.send(msg("hello",
                   {{QStringLiteral("token"), QString::fromUtf8(hb::mintJwt(claims, rules.appSecret))}}));
        QCOMPARE(code(c.waitFor(QStringLiteral("error"))), QStringLiteral("bad_request"));
        QVERIFY(c.waitClosed());
        QCOMPARE(c.closeCode(), 4001);
        QCOMPARE(count(QStringLiteral("mitras")), mitras);
    }
};

QTEST_GUILESS_MAIN(TestIdentityInputE2e)
#include "tst_identity_input_e2e.moc"
