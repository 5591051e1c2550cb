// End to end: real backend processes, real Valkey and PostgreSQL, real WebSocket clients.
// Covers authentication, presence, heartbeats and their timeout, reconnects, replacement,
// bad input, two instances, a crashed instance, clean shutdown and start-up failures.
#include "E2eStack.h"
#include "backend/WsTestClient.h"
#include "auth/Jwt.h"
#include "common/FreePort.h"
#include "protocol/Time.h"

#include <QJsonDocument>

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace hb::test;

namespace {

QString type(const QJsonObject &o)
{
    return o.value(QStringLiteral("type")).toString();
}

qint64 isoMs(const QJsonValue &v)
{
    return hb::parseIsoTime(v.toString()).value_or(-1);
}

} // namespace

class TestPresenceE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    std::unique_ptr<BackendProcess> m_a;
    std::unique_ptr<BackendProcess> m_b;

    // Intervals of one mitra as (online_ms, offline_ms or "", reason or "").
    QList<QStringList> intervals(const QString &mitra)
    {
        return m_stack.sql(QStringLiteral(
            "select (extract(epoch from online_at)*1000)::bigint, "
            "coalesce(((extract(epoch from offline_at)*1000)::bigint)::text, ''), "
            "coalesce(reason, '') from presence_intervals where mitra_id = '%1' "
            "order by online_at").arg(mitra));
    }

    // A mitra connected and welcomed on `url`, with its initial presence consumed.
    std::unique_ptr<WsTestClient> mitra(const QString &url, const QString &id,
                                        const QString &name = QStringLiteral("Sari"))
    {
        auto c = std::make_unique<WsTestClient>();
        const QJsonObject welcome = c->connectAndHello(url, m_stack.mitraToken(id, name));
        if (welcome.isEmpty())
            return nullptr;
        if (c->waitFor(QStringLiteral("presence")).isEmpty())
            return nullptr;
        return c;
    }

    qint64 goOnline(WsTestClient &c)
    {
        c.send(msg("presence.set", {{QStringLiteral("status"), QStringLiteral("online")}}));
        const QJsonObject p = c.waitFor(QStringLiteral("presence"));
        if (p.value(QStringLiteral("status")).toString() != QLatin1String("online"))
            return -1;
        return isoMs(p.value(QStringLiteral("since")));
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

    void healthAnswersOnTheSamePort()
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(
            QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(m_a->port()))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        const QJsonObject health = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(health.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(health.value(QStringLiteral("instance")).toString(), QStringLiteral("inst-a"));
        QCOMPARE(health.value(QStringLiteral("valkey")).toBool(), true);
        reply->deleteLater();

        QNetworkReply *missing = nam.get(QNetworkRequest(
            QUrl(QStringLiteral("http://127.0.0.1:%1/nope").arg(m_a->port()))));
        QSignalSpy done2(missing, &QNetworkReply::finished);
        QVERIFY(done2.wait(10000));
        QCOMPARE(missing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        missing->deleteLater();
    }

    void otherPathRefusesTheHandshake()
    {
        WsTestClient c;
        QVERIFY(!c.open(QStringLiteral("ws://127.0.0.1:%1/v2/ws").arg(m_a->port()), 5000));
    }

    void helloGetsWelcomeAndCreatesTheMitraRow()
    {
        WsTestClient c;
        const QJsonObject welcome =
            c.connectAndHello(m_a->url(), m_stack.mitraToken(QStringLiteral("m-hello"),
                                                             QStringLiteral("Sari")));
        QCOMPARE(welcome.value(QStringLiteral("role")).toString(), QStringLiteral("mitra"));
        QCOMPARE(welcome.value(QStringLiteral("user_id")).toString(), QStringLiteral("m-hello"));
        QCOMPARE(welcome.value(QStringLiteral("name")).toString(), QStringLiteral("Sari"));
        QCOMPARE(welcome.value(QStringLiteral("heartbeat_interval_s")).toInt(), 1);
        QCOMPARE(welcome.value(QStringLiteral("heartbeat_timeout_s")).toInt(), 2);
        QVERIFY(isoMs(welcome.value(QStringLiteral("server_time"))) > 0);
        // A mitra is told its state right after welcome: never been online, so offline.
        const QJsonObject presence = c.waitFor(QStringLiteral("presence"));
        QCOMPARE(presence.value(QStringLiteral("status")).toString(), QStringLiteral("offline"));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_stack.sql(QStringLiteral("select display_name from mitras where id = 'm-hello'")),
            (QList<QStringList>{{QStringLiteral("Sari")}}), 10000);
        c.close();

        // A later hello keeps the display name current.
        WsTestClient again;
        QVERIFY(!again.connectAndHello(m_b->url(), m_stack.mitraToken(QStringLiteral("m-hello"),
                                                                      QStringLiteral("Sari W.")))
                     .isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(
            m_stack.sql(QStringLiteral("select display_name from mitras where id = 'm-hello'")),
            (QList<QStringList>{{QStringLiteral("Sari W.")}}), 10000);
    }

    void badAuthenticationCloses4001_data()
    {
        QTest::addColumn<QString>("first");
        const QString secret = QString::fromLatin1(E2eStack::kSecret);
        QTest::newRow("garbage token")
            << QStringLiteral(R"({"type":"hello","token":"not.a.jwt"})");
        QTest::newRow("expired") << QStringLiteral(R"({"type":"hello","token":"%1"})")
                                        .arg(m_stack.mitraToken(QStringLiteral("m-x"),
                                                                QStringLiteral("X"), -120));
        // The apps' key cannot mint staff, and every token names our issuer.
        hb::JwtClaims staff;
        staff.sub = QStringLiteral("staff_forged");
        staff.role = hb::Role::Staff;
        staff.staffRole = hb::StaffRole::Supervisor;
        staff.exp = QDateTime::currentSecsSinceEpoch() + 600;
        staff.issuer = hb::JwtRules::defaultIssuer();
        staff.audience = hb::JwtRules::defaultStaffAudience();
        QTest::newRow("staff token signed with the apps' key")
            << QStringLiteral(R"({"type":"hello","token":"%1"})")
                   .arg(QString::fromLatin1(hb::mintJwt(staff, E2eStack::kSecret)));
        hb::JwtClaims noIssuer;
        noIssuer.sub = QStringLiteral("m-x");
        noIssuer.role = hb::Role::Mitra;
        noIssuer.exp = QDateTime::currentSecsSinceEpoch() + 600;
        noIssuer.audience = hb::JwtRules::defaultAppAudience();
        QTest::newRow("no issuer")
            << QStringLiteral(R"({"type":"hello","token":"%1"})")
                   .arg(QString::fromLatin1(hb::mintJwt(noIssuer, E2eStack::kSecret)));
        QTest::newRow("missing token") << QStringLiteral(R"({"type":"hello"})");
        QTest::newRow("not hello first") << QStringLiteral(R"({"type":"heartbeat"})");
        QTest::newRow("invalid json first") << QStringLiteral("{nope");
        QTest::newRow("login with an unknown account")
            << QStringLiteral(R"({"type":"login","username":"a","password":"b"})");
    }

    void badAuthenticationCloses4001()
    {
        QFETCH(QString, first);
        WsTestClient c;
        QVERIFY(c.open(m_a->url()));
        c.sendRaw(first);
        const QJsonObject error = c.waitFor(QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("unauthorized"));
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(c.waitClosed());
        QCOMPARE(c.closeCode(), 4001);
    }

    void tokenSignedWithAnotherSecretIsRefused()
    {
        hb::JwtClaims claims;
        claims.sub = QStringLiteral("m-forged");
        claims.role = hb::Role::Mitra;
        claims.name = QStringLiteral("Forged");
        claims.exp = QDateTime::currentSecsSinceEpoch() + 600;
        claims.issuer = hb::JwtRules::defaultIssuer();
        claims.audience = hb::JwtRules::defaultAppAudience();
        WsTestClient c;
        QVERIFY(c.open(m_a->url()));
        c.send(msg("hello", {{QStringLiteral("token"),
                              QString::fromUtf8(hb::mintJwt(
                                  claims, "another-secret-0123456789abcdefghij"))}}));
        QCOMPARE(c.waitFor(QStringLiteral("error")).value(QStringLiteral("code")).toString(),
                 QStringLiteral("unauthorized"));
        QVERIFY(c.waitClosed());
        QCOMPARE(c.closeCode(), 4001);
    }

    void silenceAfterConnectCloses4001()
    {
        WsTestClient c;
        QVERIFY(c.open(m_a->url()));
        // HALOBESTIE_HELLO_TIMEOUT_S is 1 in these tests.
        QCOMPARE(c.waitFor(QStringLiteral("error"), 5000).value(QStringLiteral("code")).toString(),
                 QStringLiteral("unauthorized"));
        QVERIFY(c.waitClosed(5000));
        QCOMPARE(c.closeCode(), 4001);
    }

    void onlineAndOfflineAreLoggedExactly()
    {
        auto c = mitra(m_a->url(), QStringLiteral("m-manual"));
        QVERIFY(c);
        const qint64 since = goOnline(*c);
        QVERIFY(since > 0);
        QCOMPARE(m_stack.valkey({QStringLiteral("ZSCORE"), QStringLiteral("hb:presence:online"),
                                 QStringLiteral("m-manual")})
                     .isEmpty(),
                 false);
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-manual")),
                                  (QList<QStringList>{{QString::number(since), QString(), QString()}}),
                                  10000);

        // Online again while online: no new interval, same since.
        QCOMPARE(goOnline(*c), since);

        c->send(msg("presence.set", {{QStringLiteral("status"), QStringLiteral("offline")},
                                     {QStringLiteral("id"), QStringLiteral("r1")}}));
        const QJsonObject off = c->waitFor(QStringLiteral("presence"));
        QCOMPARE(off.value(QStringLiteral("status")).toString(), QStringLiteral("offline"));
        QCOMPARE(off.value(QStringLiteral("ref")).toString(), QStringLiteral("r1"));
        const qint64 offAt = isoMs(off.value(QStringLiteral("since")));
        QVERIFY(offAt >= since);
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-manual")),
                                  (QList<QStringList>{{QString::number(since),
                                                       QString::number(offAt),
                                                       QStringLiteral("manual")}}),
                                  10000);
        QVERIFY(m_stack.valkey({QStringLiteral("ZSCORE"), QStringLiteral("hb:presence:online"),
                                QStringLiteral("m-manual")})
                    .isEmpty());

        // Many times a day: a second interval, not overlapping the first.
        const qint64 since2 = goOnline(*c);
        QVERIFY(since2 >= offAt);
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-manual")).size(), 2, 10000);
    }

    void heartbeatIsAcknowledged()
    {
        auto c = mitra(m_a->url(), QStringLiteral("m-ack"));
        QVERIFY(c);
        c->send(msg("heartbeat", {{QStringLiteral("id"), QStringLiteral("hb-1")}}));
        const QJsonObject ack = c->waitFor(QStringLiteral("heartbeat.ack"));
        QCOMPARE(ack.value(QStringLiteral("ref")).toString(), QStringLiteral("hb-1"));
        QVERIFY(qAbs(isoMs(ack.value(QStringLiteral("server_time"))) -
                     QDateTime::currentMSecsSinceEpoch()) < 60000);
    }

    void heartbeatsKeepAMitraOnline()
    {
        auto c = mitra(m_a->url(), QStringLiteral("m-steady"));
        QVERIFY(c);
        QVERIFY(goOnline(*c) > 0);
        // Drive heartbeats at the advertised interval for two whole timeouts.
        for (int i = 0; i < 8; ++i) {
            c->send(msg("heartbeat"));
            QVERIFY(!c->waitFor(QStringLiteral("heartbeat.ack")).isEmpty());
            QTest::qWait(500);
        }
        for (const QJsonObject &m : c->received())
            QVERIFY2(!(type(m) == QLatin1String("presence") &&
                       m.value(QStringLiteral("status")).toString() == QLatin1String("offline") &&
                       m.contains(QStringLiteral("reason"))),
                     "a heartbeating mitra was taken offline");
        QCOMPARE(intervals(QStringLiteral("m-steady")).size(), 1);
        QVERIFY(intervals(QStringLiteral("m-steady")).first().at(1).isEmpty());
    }

    void silentMitraGoesOfflineByItself()
    {
        auto c = mitra(m_a->url(), QStringLiteral("m-silent"));
        QVERIFY(c);
        const qint64 since = goOnline(*c);
        QVERIFY(since > 0);
        // No heartbeats: the 2 s timeout takes it offline, and the app is told why.
        const QJsonObject off = c->waitFor(QStringLiteral("presence"), 10000);
        QCOMPARE(off.value(QStringLiteral("status")).toString(), QStringLiteral("offline"));
        QCOMPARE(off.value(QStringLiteral("reason")).toString(), QStringLiteral("heartbeat_timeout"));
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-silent")).value(0).value(2),
                                  QStringLiteral("heartbeat_timeout"), 10000);
        const QStringList row = intervals(QStringLiteral("m-silent")).first();
        // It went offline when the timeout ran out after its last sign of life (going online).
        QCOMPARE(row.at(1).toLongLong() - since, 2000);
        // A heartbeat does not bring it back.
        c->send(msg("heartbeat"));
        QVERIFY(!c->waitFor(QStringLiteral("heartbeat.ack")).isEmpty());
        QVERIFY(m_stack.valkey({QStringLiteral("ZSCORE"), QStringLiteral("hb:presence:online"),
                                QStringLiteral("m-silent")})
                    .isEmpty());
    }

    void reconnectWithinTheTimeoutKeepsTheInterval()
    {
        auto first = mitra(m_a->url(), QStringLiteral("m-flaky"));
        QVERIFY(first);
        const qint64 since = goOnline(*first);
        first->close(); // the phone lost its network

        // It comes back within the timeout, through the other instance.
        WsTestClient second;
        QVERIFY(!second.connectAndHello(m_b->url(), m_stack.mitraToken(QStringLiteral("m-flaky"),
                                                                       QStringLiteral("Sari")))
                     .isEmpty());
        const QJsonObject resumed = second.waitFor(QStringLiteral("presence"));
        QCOMPARE(resumed.value(QStringLiteral("status")).toString(), QStringLiteral("online"));
        QCOMPARE(isoMs(resumed.value(QStringLiteral("since"))), since);
        for (int i = 0; i < 6; ++i) {
            second.send(msg("heartbeat"));
            QVERIFY(!second.waitFor(QStringLiteral("heartbeat.ack")).isEmpty());
            QTest::qWait(500);
        }
        // One interval, still open: no gap in the log.
        QCOMPARE(intervals(QStringLiteral("m-flaky")),
                 (QList<QStringList>{{QString::number(since), QString(), QString()}}));
    }

    void aSecondConnectionReplacesTheFirstAcrossInstances()
    {
        auto onA = mitra(m_a->url(), QStringLiteral("m-twice"));
        QVERIFY(onA);
        auto onB = mitra(m_b->url(), QStringLiteral("m-twice"));
        QVERIFY(onB);
        QVERIFY(onA->waitClosed());
        QCOMPARE(onA->closeCode(), 4002);
        onB->send(msg("heartbeat"));
        QVERIFY(!onB->waitFor(QStringLiteral("heartbeat.ack")).isEmpty());

        // And on the same instance.
        auto again = mitra(m_b->url(), QStringLiteral("m-twice"));
        QVERIFY(again);
        QVERIFY(onB->waitClosed());
        QCOMPARE(onB->closeCode(), 4002);
    }

    void badInputGetsAnErrorAndChangesNothing_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("invalid json") << QStringLiteral("{\"type\":") << QStringLiteral("bad_request");
        QTest::newRow("array") << QStringLiteral("[1,2]") << QStringLiteral("bad_request");
        QTest::newRow("string") << QStringLiteral("\"hello\"") << QStringLiteral("bad_request");
        QTest::newRow("no type") << QStringLiteral("{\"status\":\"online\"}")
                                 << QStringLiteral("bad_request");
        QTest::newRow("type not a string") << QStringLiteral("{\"type\":7}")
                                           << QStringLiteral("bad_request");
        QTest::newRow("unknown type") << QStringLiteral("{\"type\":\"presence.teleport\"}")
                                      << QStringLiteral("bad_request");
        QTest::newRow("missing status") << QStringLiteral("{\"type\":\"presence.set\"}")
                                        << QStringLiteral("bad_request");
        QTest::newRow("status wrong type")
            << QStringLiteral("{\"type\":\"presence.set\",\"status\":true}")
            << QStringLiteral("bad_request");
        QTest::newRow("status unknown")
            << QStringLiteral("{\"type\":\"presence.set\",\"status\":\"busy\"}")
            << QStringLiteral("bad_request");
        QTest::newRow("customer message")
            << QStringLiteral("{\"type\":\"pairing.request\"}") << QStringLiteral("forbidden");
        QTest::newRow("staff message")
            << QStringLiteral("{\"type\":\"capacity.set\",\"scope\":\"global\",\"max_customers\":2}")
            << QStringLiteral("forbidden");
        QTest::newRow("hello again") << QStringLiteral("{\"type\":\"hello\",\"token\":\"x\"}")
                                     << QStringLiteral("bad_request");
        QTest::newRow("over 64 KiB")
            << QStringLiteral("{\"type\":\"heartbeat\",\"pad\":\"%1\"}")
                   .arg(QString(70 * 1024, QLatin1Char('x')))
            << QStringLiteral("too_large");
    }

    void badInputGetsAnErrorAndChangesNothing()
    {
        QFETCH(QString, frame);
        QFETCH(QString, code);
        auto c = mitra(m_a->url(), QStringLiteral("m-bad"));
        QVERIFY(c);
        const QByteArray before = m_stack.valkey({QStringLiteral("HGETALL"),
                                                  QStringLiteral("hb:mitra:m-bad")});
        c->sendRaw(frame);
        const QJsonObject error = c->waitFor(QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        // The connection is still healthy and nothing changed.
        c->send(msg("heartbeat", {{QStringLiteral("id"), QStringLiteral("after")}}));
        QCOMPARE(c->waitFor(QStringLiteral("heartbeat.ack")).value(QStringLiteral("ref")).toString(),
                 QStringLiteral("after"));
        QVERIFY(c->isOpen());
        QCOMPARE(m_stack.valkey({QStringLiteral("HGETALL"), QStringLiteral("hb:mitra:m-bad")}),
                 before);
    }

    void errorsCarryTheClientsRef()
    {
        auto c = mitra(m_a->url(), QStringLiteral("m-ref"));
        QVERIFY(c);
        c->sendRaw(QStringLiteral(R"({"type":"presence.set","status":"busy","id":"x-9"})"));
        QCOMPARE(c->waitFor(QStringLiteral("error")).value(QStringLiteral("ref")).toString(),
                 QStringLiteral("x-9"));
    }

    void customersCannotSetPresence()
    {
        WsTestClient c;
        QVERIFY(!c.connectAndHello(m_a->url(), m_stack.customerToken(QStringLiteral("c-1"),
                                                                     QStringLiteral("Budi")))
                     .isEmpty());
        c.send(msg("presence.set", {{QStringLiteral("status"), QStringLiteral("online")}}));
        QCOMPARE(c.waitFor(QStringLiteral("error")).value(QStringLiteral("code")).toString(),
                 QStringLiteral("forbidden"));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_stack.sql(QStringLiteral("select display_name from customers where id = 'c-1'")),
            (QList<QStringList>{{QStringLiteral("Budi")}}), 10000);
        QVERIFY(m_stack.sql(QStringLiteral("select 1 from mitras where id = 'c-1'")).isEmpty());
    }

    void viewersCannotChangeThings()
    {
        WsTestClient c;
        QVERIFY(!c.connectAndHello(m_a->url(), m_stack.staffToken(QStringLiteral("s-view"), false))
                     .isEmpty());
        c.send(msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("global")},
                                    {QStringLiteral("max_customers"), 5}}));
        QCOMPARE(c.waitFor(QStringLiteral("error")).value(QStringLiteral("code")).toString(),
                 QStringLiteral("forbidden"));
    }

    void aCrashedInstancesMitraGoesOfflineOnce()
    {
        QString error;
        auto doomed = m_stack.startBackend(QStringLiteral("inst-doomed"), &error);
        QVERIFY2(doomed, qPrintable(error));
        auto c = mitra(doomed->url(), QStringLiteral("m-orphan"));
        QVERIFY(c);
        const qint64 since = goOnline(*c);
        QVERIFY(since > 0);
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-orphan")).size(), 1, 10000);

        doomed->kill(); // kill -9: no clean shutdown, nothing logged by it
        // Instances A and B notice the silence and take it offline, exactly once.
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-orphan")).value(0).value(2),
                                  QStringLiteral("heartbeat_timeout"), 15000);
        QCOMPARE(intervals(QStringLiteral("m-orphan")).size(), 1);
        QCOMPARE(intervals(QStringLiteral("m-orphan")).first().at(1).toLongLong() - since, 2000);
    }

    void cleanShutdownClosesEveryInterval()
    {
        QString error;
        auto leaving = m_stack.startBackend(QStringLiteral("inst-leaving"), &error);
        QVERIFY2(leaving, qPrintable(error));
        auto c = mitra(leaving->url(), QStringLiteral("m-shutdown"));
        QVERIFY(c);
        QVERIFY(goOnline(*c) > 0);
        // A mitra whose socket already closed but is within its timeout is closed too.
        auto gone = mitra(leaving->url(), QStringLiteral("m-shutdown-2"));
        QVERIFY(gone);
        QVERIFY(goOnline(*gone) > 0);
        gone->close();

        QCOMPARE(leaving->stop(), 0);
        const QJsonObject off = c->waitFor(QStringLiteral("presence"));
        QCOMPARE(off.value(QStringLiteral("reason")).toString(), QStringLiteral("server_shutdown"));
        QVERIFY(c->waitClosed());
        QCOMPARE(c->closeCode(), 1001);
        // Logged before the process exited: no waiting needed.
        QCOMPARE(intervals(QStringLiteral("m-shutdown")).value(0).value(2),
                 QStringLiteral("server_shutdown"));
        QCOMPARE(intervals(QStringLiteral("m-shutdown-2")).value(0).value(2),
                 QStringLiteral("server_shutdown"));
    }

    void intervalsNeverOverlap()
    {
        const QList<QStringList> overlaps = m_stack.sql(QStringLiteral(
            "select a.mitra_id from presence_intervals a join presence_intervals b "
            "on a.mitra_id = b.mitra_id and a.online_at < b.online_at "
            "and (a.offline_at is null or a.offline_at > b.online_at)"));
        QVERIFY2(overlaps.isEmpty(), qPrintable(overlaps.value(0).value(0)));
    }

    void startUpFailsWithOneClearLine_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("valkey unreachable")
            << QStringLiteral("HALOBESTIE_VALKEY_URL")
            << QStringLiteral("redis://127.0.0.1:%1/0").arg(freeLoopbackPort()) << 1
            << QStringLiteral("Valkey");
        QTest::newRow("postgres unreachable")
            << QStringLiteral("HALOBESTIE_DATABASE_URL")
            << QStringLiteral("postgresql://postgres@127.0.0.1:%1/halobestie").arg(freeLoopbackPort())
            << 1 << QStringLiteral("PostgreSQL");
        QTest::newRow("no secret") << QStringLiteral("HALOBESTIE_JWT_SECRET") << QString() << 2
                                   << QStringLiteral("HALOBESTIE_JWT_SECRET");
        QTest::newRow("secret of 31 bytes")
            << QStringLiteral("HALOBESTIE_JWT_SECRET") << QString(31, QLatin1Char('s')) << 2
            << QStringLiteral("at least 32 bytes");
        QTest::newRow("no staff secret") << QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET")
                                         << QString() << 2
                                         << QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET");
        QTest::newRow("staff secret is the apps' secret")
            << QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET") << QString::fromLatin1(E2eStack::kSecret)
            << 2 << QStringLiteral("must differ");
        QTest::newRow("bad strategy") << QStringLiteral("HALOBESTIE_PAIRING_STRATEGY")
                                      << QStringLiteral("lottery") << 2
                                      << QStringLiteral("HALOBESTIE_PAIRING_STRATEGY");
    }

    void startUpFailsWithOneClearLine()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        QProcessEnvironment env = m_stack.backendEnvironment();
        env.insert(variable, value);
        env.insert(QStringLiteral("HALOBESTIE_LISTEN"),
                   QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(BackendProcess::executable(), {});
        QVERIFY(p.waitForFinished(20000)); // not a hang
        QCOMPARE(p.exitCode(), exitCode);
        const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
        // Exactly one error line, the last thing printed, naming what is wrong. Informational
        // log lines from before the failure may precede it.
        const QStringList lines = err.split(QLatin1Char('\n'));
        const QStringList errorLines = lines.filter(QRegularExpression(QStringLiteral("^halobestie-backend: ")));
        QCOMPARE(errorLines.size(), 1);
        QCOMPARE(lines.last(), errorLines.first());
        QVERIFY2(errorLines.first().contains(mentions), qPrintable(err));
    }

    void twoInstancesStartTogetherOnAFreshDatabase()
    {
        QString error;
        QVERIFY2(m_stack.postgres().createDatabase(QStringLiteral("fresh"), &error), qPrintable(error));
        QProcessEnvironment extra;
        extra.insert(QStringLiteral("HALOBESTIE_DATABASE_URL"),
                     m_stack.postgres().url(QStringLiteral("fresh")));
        BackendProcess one(QStringLiteral("fresh-1"), m_stack.backendEnvironment(extra));
        BackendProcess two(QStringLiteral("fresh-2"), m_stack.backendEnvironment(extra));
        // Start both before waiting for either, so their migrations race.
        QString e1, e2;
        QVERIFY2(one.start(&e1) && two.start(&e2), qPrintable(e1 + e2));
        const auto versions = m_stack.postgres().query(
            QStringLiteral("fresh"), QStringLiteral("select version, count(*) from schema_migrations group by version having count(*) > 1"));
        QVERIFY(versions.isEmpty());
        QCOMPARE(one.stop(), 0);
        QCOMPARE(two.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPresenceE2e)
#include "tst_presence_e2e.moc"
