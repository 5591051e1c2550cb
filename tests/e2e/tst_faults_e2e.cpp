// End to end under faults: Valkey restarting empty, PostgreSQL restarting, Valkey unavailable.
// Restarting any one piece must lose no presence interval, and clients must keep working.
#include "E2eStack.h"
#include "backend/WsTestClient.h"
#include "protocol/Time.h"

#include <QJsonObject>
#include <QTest>
#include <QTimer>

using namespace hb::test;

namespace {

// Sends heartbeats at the advertised interval while alive, as a healthy app does.
class Heartbeats
{
public:
    explicit Heartbeats(WsTestClient &client)
    {
        QObject::connect(&m_timer, &QTimer::timeout, &client,
                         [&client] { client.send(msg("heartbeat")); });
        m_timer.start(400);
    }

private:
    QTimer m_timer;
};

} // namespace

class TestFaultsE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    std::unique_ptr<BackendProcess> m_backend;

    QList<QStringList> intervals(const QString &mitra)
    {
        return m_stack.sql(QStringLiteral(
            "select (extract(epoch from online_at)*1000)::bigint, "
            "coalesce(((extract(epoch from offline_at)*1000)::bigint)::text, ''), "
            "coalesce(reason, '') from presence_intervals where mitra_id = '%1' "
            "order by online_at").arg(mitra));
    }

    std::unique_ptr<WsTestClient> onlineMitra(const QString &id, qint64 *since)
    {
        auto c = std::make_unique<WsTestClient>();
        if (c->connectAndHello(m_backend->url(), m_stack.mitraToken(id, id)).isEmpty())
            return nullptr;
        c->waitFor(QStringLiteral("presence"));
        c->send(msg("presence.set", {{QStringLiteral("status"), QStringLiteral("online")}}));
        const QJsonObject p = c->waitFor(QStringLiteral("presence"));
        *since = hb::parseIsoTime(p.value(QStringLiteral("since")).toString()).value_or(-1);
        return c;
    }

    static bool tookOffline(const WsTestClient &c)
    {
        for (const QJsonObject &m : c.received())
            if (m.value(QStringLiteral("type")).toString() == QLatin1String("presence") &&
                m.value(QStringLiteral("status")).toString() == QLatin1String("offline") &&
                m.contains(QStringLiteral("reason")))
                return true;
        return false;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
        m_backend = m_stack.startBackend(QStringLiteral("faults"), &error);
        QVERIFY2(m_backend, qPrintable(error));
    }

    void cleanupTestCase()
    {
        if (m_backend)
            QCOMPARE(m_backend->stop(), 0);
    }

    void valkeyRestartingEmptyKeepsOnlineMitrasOnline()
    {
        qint64 since = 0;
        auto c = onlineMitra(QStringLiteral("m-valkey-restart"), &since);
        QVERIFY(c);
        Heartbeats beats(*c);
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-valkey-restart")).size(), 1, 10000);

        m_stack.valkeyServer().kill(); // no persistence: everything live is gone
        QString error;
        QVERIFY2(m_stack.valkeyServer().start(&error), qPrintable(error));

        // The backend reconnects and rebuilds live presence from the durable log.
        QTRY_COMPARE_WITH_TIMEOUT(m_stack.valkey({QStringLiteral("HGET"),
                                                  QStringLiteral("hb:mitra:m-valkey-restart"),
                                                  QStringLiteral("since")}),
                                  QByteArray::number(since), 15000);
        // Heartbeats keep it there, well past the timeout: no gap, no second interval.
        QTest::qWait(3000);
        QCOMPARE(m_stack.valkey({QStringLiteral("HGET"), QStringLiteral("hb:mitra:m-valkey-restart"),
                                 QStringLiteral("status")}),
                 QByteArrayLiteral("online"));
        QCOMPARE(intervals(QStringLiteral("m-valkey-restart")),
                 (QList<QStringList>{{QString::number(since), QString(), QString()}}));
        QVERIFY(!tookOffline(*c));
    }

    void aSilentMitraStillTimesOutAfterValkeyLostIt()
    {
        qint64 since = 0;
        auto c = onlineMitra(QStringLiteral("m-valkey-gone"), &since);
        QVERIFY(c);
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-valkey-gone")).size(), 1, 10000);
        c->close(); // the phone is gone for good

        m_stack.valkeyServer().kill();
        QString error;
        QVERIFY2(m_stack.valkeyServer().start(&error), qPrintable(error));

        // Restored online from the log, then timed out like any silent mitra: closed once.
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-valkey-gone")).value(0).value(2),
                                  QStringLiteral("heartbeat_timeout"), 20000);
        QCOMPARE(intervals(QStringLiteral("m-valkey-gone")).size(), 1);
    }

    void valkeyDownAnswersUnavailableAndRecovers()
    {
        qint64 since = 0;
        auto c = onlineMitra(QStringLiteral("m-valkey-down"), &since);
        QVERIFY(c);
        m_stack.valkeyServer().stop();
        c->send(msg("presence.set", {{QStringLiteral("status"), QStringLiteral("offline")},
                                     {QStringLiteral("id"), QStringLiteral("while-down")}}));
        const QJsonObject error = c->waitFor(QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("unavailable"));
        QCOMPARE(error.value(QStringLiteral("ref")).toString(), QStringLiteral("while-down"));
        QVERIFY(c->isOpen());

        QString why;
        QVERIFY2(m_stack.valkeyServer().start(&why), qPrintable(why));
        // Once Valkey is back the same request works (retried as an app would).
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                c->send(msg("presence.set", {{QStringLiteral("status"), QStringLiteral("offline")}}));
                return c->waitFor(QStringLiteral("presence"), 1000)
                           .value(QStringLiteral("status"))
                           .toString() == QLatin1String("offline");
            }(),
            20000);
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-valkey-down")).value(0).value(2),
                                  QStringLiteral("manual"), 10000);
    }

    void aWaitingRequestSurvivesValkeyRestartingEmpty()
    {
        // Nobody online: the customer waits ("Searching for Bestie").
        WsTestClient customer;
        QVERIFY(!customer
                     .connectAndHello(m_backend->url(),
                                      m_stack.customerToken(QStringLiteral("c-wait"),
                                                            QStringLiteral("Rina")))
                     .isEmpty());
        customer.send(msg("pairing.request"));
        const QString rid = customer.waitFor(QStringLiteral("pairing.searching"))
                                .value(QStringLiteral("request_id"))
                                .toString();
        QVERIFY(!rid.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(
            m_stack.sql(QStringLiteral("select status from pairing_requests where id = '%1'").arg(rid)),
            (QList<QStringList>{{QStringLiteral("open")}}), 10000);

        m_stack.valkeyServer().kill();
        QString error;
        QVERIFY2(m_stack.valkeyServer().start(&error), qPrintable(error));
        // Rebuilt from PostgreSQL: the request is open again under the same id...
        QTRY_COMPARE_WITH_TIMEOUT(m_stack.valkey({QStringLiteral("HGET"),
                                                  QStringLiteral("hb:req:") + rid,
                                                  QStringLiteral("status")}),
                                  QByteArrayLiteral("open"), 15000);
        // ...so a mitra coming online is offered it and the customer is paired.
        qint64 since = 0;
        auto mitra = onlineMitra(QStringLiteral("m-rescuer"), &since);
        QVERIFY(mitra);
        Heartbeats beats(*mitra);
        const QJsonObject offer = mitra->waitFor(QStringLiteral("offer"), 10000);
        QCOMPARE(offer.value(QStringLiteral("request_id")).toString(), rid);
        mitra->send(msg("offer.accept", {{QStringLiteral("request_id"), rid}}));
        QVERIFY(!mitra->waitFor(QStringLiteral("session.assigned")).isEmpty());
        QCOMPARE(customer.waitFor(QStringLiteral("pairing.found"))
                     .value(QStringLiteral("request_id"))
                     .toString(),
                 rid);
        QVERIFY(!customer.waitFor(QStringLiteral("session.started")).isEmpty());
    }

    void aRunningSessionKeepsItsSlotAcrossValkeyRestartingEmpty()
    {
        // The mitra from the previous test has one running session (capacity 3 by default).
        QTRY_COMPARE_WITH_TIMEOUT(
            m_stack.sql(QStringLiteral("select count(*) from sessions s join session_assignments a "
                                       "on a.session_id = s.id and a.unassigned_at is null "
                                       "where a.mitra_id = 'm-rescuer' and s.state <> 'ended'")),
            (QList<QStringList>{{QStringLiteral("1")}}), 10000);
        m_stack.valkeyServer().kill();
        QString error;
        QVERIFY2(m_stack.valkeyServer().start(&error), qPrintable(error));
        // Without the rebuild the slot would look free (active missing = 0).
        QTRY_COMPARE_WITH_TIMEOUT(m_stack.valkey({QStringLiteral("HGET"),
                                                  QStringLiteral("hb:mitra:m-rescuer"),
                                                  QStringLiteral("active")}),
                                  QByteArrayLiteral("1"), 15000);
        QCOMPARE(m_stack.valkey({QStringLiteral("SCARD"), QStringLiteral("hb:sessions:open")}),
                 QByteArrayLiteral("1"));
    }

    void postgresRestartLosesNoInterval()
    {
        qint64 since = 0;
        auto c = onlineMitra(QStringLiteral("m-pg-restart"), &since);
        QVERIFY(c);
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-pg-restart")).size(), 1, 10000);

        m_stack.postgres().stop();
        // Three more transitions while PostgreSQL is down: offline, online, offline.
        for (const char *status : {"offline", "online", "offline"}) {
            c->send(msg("presence.set", {{QStringLiteral("status"), QLatin1String(status)}}));
            QCOMPARE(c->waitFor(QStringLiteral("presence")).value(QStringLiteral("status")).toString(),
                     QLatin1String(status));
        }
        QString error;
        QVERIFY2(m_stack.postgres().start(&error), qPrintable(error));

        // Every interval lands once the database is back, each closed with its reason.
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-pg-restart")).size(), 2, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(intervals(QStringLiteral("m-pg-restart")).value(1).value(2),
                                  QStringLiteral("manual"), 30000);
        const auto rows = intervals(QStringLiteral("m-pg-restart"));
        QCOMPARE(rows.at(0).at(0), QString::number(since));
        QCOMPARE(rows.at(0).at(2), QStringLiteral("manual"));
        QVERIFY(rows.at(1).at(0).toLongLong() >= rows.at(0).at(1).toLongLong());
    }

    // A staff token needs the account store at hello (every one names an account). With
    // PostgreSQL down the answer is "retry later" (unavailable, 1011) before the hello deadline,
    // never "unauthorized", and never a welcome the store did not approve.
    void staffHelloWhileTheAccountStoreIsDown()
    {
        const QString accountToken =
            m_stack.unregisteredStaffToken(QStringLiteral("staff_not-yet"), true);
        m_stack.postgres().stop();
        WsTestClient staff;
        QVERIFY(staff.open(m_backend->url()));
        const QJsonObject reply =
            staff.request(msg("hello", {{QStringLiteral("token"), accountToken}}));
        QCOMPARE(reply.value(QStringLiteral("code")).toString(), QStringLiteral("unavailable"));
        QVERIFY(staff.waitClosed(5000));
        QCOMPARE(staff.closeCode(), 1011);


        QString error;
        QVERIFY2(m_stack.postgres().start(&error), qPrintable(error));
        // Decided again once the store answers: this sub is no account.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                WsTestClient again;
                if (!again.open(m_backend->url()))
                    return false;
                const QJsonObject r =
                    again.request(msg("hello", {{QStringLiteral("token"), accountToken}}));
                return r.value(QStringLiteral("message")).toString() ==
                       QLatin1String("staff account removed");
            }(),
            30000);
    }
};

QTEST_GUILESS_MAIN(TestFaultsE2e)
#include "tst_faults_e2e.moc"
