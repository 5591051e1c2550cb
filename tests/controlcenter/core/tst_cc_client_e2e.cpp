// The control client against the REAL backend (real Valkey and PostgreSQL): a staff account made
// with the `staff` CLI signs in with its password, a wrong password gets the clear refusal,
// stats arrive and fill the models, a capacity change makes the round trip (capacity.set →
// capacity.updated → the next stats), and a token from the sign-in works for a second client.
#include "E2eStack.h"
#include "backend/WsTestClient.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"

#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace hb;
using namespace hb::cc;
using namespace hb::test;
using namespace Qt::StringLiterals;

namespace {

const QString kMitra = u"m-cc-e2e-1"_s;

std::optional<MitraStats> findMitra(const StatsSnapshot &stats, const QString &id)
{
    for (const MitraStats &m : stats.mitras) {
        if (m.id == id)
            return m;
    }
    return std::nullopt;
}

} // namespace

class TestClientE2e : public QObject
{
    Q_OBJECT

    E2eStack m_stack;
    std::unique_ptr<BackendProcess> m_backend;
    std::unique_ptr<WsTestClient> m_mitra;

    // Password checks take ~100 ms; mitras here send no heartbeats, so they must not time out.
    static QProcessEnvironment backendExtra()
    {
        QProcessEnvironment extra;
        extra.insert(u"HALOBESTIE_HELLO_TIMEOUT_S"_s, u"10"_s);
        extra.insert(u"HALOBESTIE_HEARTBEAT_TIMEOUT_S"_s, u"120"_s);
        extra.insert(u"HALOBESTIE_HEARTBEAT_INTERVAL_S"_s, u"30"_s);
        return extra;
    }

    bool addAccount(const QString &username, const QString &role, const QByteArray &password)
    {
        QProcess p;
        p.setProcessEnvironment(m_stack.backendEnvironment());
        p.start(BackendProcess::executable(),
                {u"staff"_s, u"add"_s, username, u"--name"_s, u"CC "_s + username, u"--role"_s, role});
        if (!p.waitForStarted(10000))
            return false;
        p.write(password + "\n");
        p.closeWriteChannel();
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            qWarning("staff add: %s", QByteArray(p.readAllStandardOutput() + p.readAllStandardError()).constData());
            return false;
        }
        return true;
    }

    static ControlClient::Options options()
    {
        ControlClient::Options o;
        o.requestTimeoutMs = 15000;
        o.signInTimeoutMs = 20000;
        return o;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
        QVERIFY(addAccount(u"cc.sup"_s, u"supervisor"_s, "cc-supervisor-pass"));
        m_backend = m_stack.startBackend(u"cc-e2e"_s, &error, backendExtra());
        QVERIFY2(m_backend, qPrintable(error));
        // One mitra online, so stats have someone in them.
        m_mitra = std::make_unique<WsTestClient>();
        QVERIFY(!m_mitra->connectAndHello(m_backend->url(), m_stack.mitraToken(kMitra, u"Sari E2E"_s))
                     .isEmpty());
        m_mitra->send(QJsonObject{{u"type"_s, u"presence.set"_s}, {u"status"_s, u"online"_s}});
        QVERIFY(!m_mitra->waitFor(u"presence"_s).isEmpty());
    }

    void cleanupTestCase()
    {
        m_mitra.reset();
        if (m_backend)
            QCOMPARE(m_backend->stop(), 0);
    }

    void wrongPasswordIsClear()
    {
        ControlClient client;
        client.setOptions(options());
        QSignalSpy failed(&client, &ControlClient::signInFailed);
        client.connectWithPassword(QUrl(m_backend->url()), u"cc.sup"_s, u"not-the-password"_s);
        QVERIFY(failed.wait(30000));
        const auto error = failed[0][0].value<SignInError>();
        QCOMPARE(error.kind, SignInError::Kind::WrongCredentials);
        QVERIFY2(error.message.contains(u"username or password is wrong"_s), qPrintable(error.message));
        QCOMPARE(client.state(), ControlClient::State::Disconnected);
    }

    void signInStatsAndCapacityRoundTrip()
    {
        ControlClient client;
        client.setOptions(options());
        LiveModels models(&client);
        QSignalSpy in(&client, &ControlClient::signedIn);
        QSignalSpy stats(&client, &ControlClient::statsReceived);
        client.connectWithPassword(QUrl(m_backend->url()), u"cc.sup"_s, u"cc-supervisor-pass"_s);
        QVERIFY(in.wait(30000));
        const auto who = in[0][0].value<StaffIdentity>();
        QVERIFY2(who.id.startsWith(u"staff_"_s), qPrintable(who.id));
        QCOMPARE(who.name, u"CC cc.sup"_s);
        QVERIFY(who.maySupervise());
        QVERIFY(!in[0][1].toString().isEmpty());
        QCOMPARE(in[0][2].toString(), u"cc-e2e"_s);

        // Stats arrive with the mitra, and fill the table.
        QTRY_VERIFY_WITH_TIMEOUT(!stats.isEmpty(), 10000);
        const StatsSnapshot first = stats.last()[0].value<StatsSnapshot>();
        const auto mitra = findMitra(first, kMitra);
        QVERIFY(mitra);
        QVERIFY(mitra->status == PresenceStatus::Online);
        QCOMPARE(mitra->name, u"Sari E2E"_s);
        QCOMPARE(first.activeMitras, 1);
        QTRY_VERIFY_WITH_TIMEOUT(models.mitras()->rowOf(kMitra) >= 0, 10000);
        QVERIFY(models.mitras()->isEditable());
        const int globalMax = mitra->maxCustomers;

        // capacity.set for this mitra: the answer, then the stats say so.
        const int wanted = globalMax == 7 ? 8 : 7;
        PendingRequest *set = client.setMitraCapacity(kMitra, wanted);
        QSignalSpy ok(set, &PendingRequest::succeeded);
        QSignalSpy refused(set, &PendingRequest::failed);
        QVERIFY(ok.wait(15000));
        QCOMPARE(refused.size(), 0);
        const QJsonObject reply = ok[0][0].toJsonObject();
        QCOMPARE(reply.value(u"type"_s).toString(), u"capacity.updated"_s);
        QCOMPARE(reply.value(u"mitra_id"_s).toString(), kMitra);
        QCOMPARE(reply.value(u"max_customers"_s).toInt(), wanted);
        const QModelIndex cell =
            models.mitras()->index(models.mitras()->rowOf(kMitra), MitraTableModel::MaxCustomersColumn);
        QTRY_COMPARE_WITH_TIMEOUT(cell.data().toInt(), wanted, 10000);
        QVERIFY(cell.data(MitraTableModel::HasOverrideRole).toBool());
        QCOMPARE(client.lastStats()->mitras.size(), first.mitras.size());

        // Back to the global default, through the model as the UI does it.
        QVERIFY(models.mitras()->setData(cell, QVariant()));
        QTRY_VERIFY_WITH_TIMEOUT(!cell.data(MitraTableModel::HasOverrideRole).toBool(), 10000);
        QCOMPARE(cell.data().toInt(), globalMax);

        // A refusal from the real server: an unknown mitra.
        PendingRequest *bad = client.setMitraCapacity(u"m-nobody"_s, 2);
        QSignalSpy badFailed(bad, &PendingRequest::failed);
        QVERIFY(badFailed.wait(15000));
        const auto failure = badFailed[0][0].value<RequestFailure>();
        QCOMPARE(failure.kind, RequestFailure::Kind::ServerError);
        QVERIFY(failure.code == ErrorCode::NotFound);

        // The token from this sign-in signs in a second client (a kiosk screen). The same account
        // connecting again replaces the first connection (4002), which must not reconnect, or
        // the two would keep taking over from each other.
        QSignalSpy firstGone(&client, &ControlClient::disconnected);
        ControlClient kiosk;
        kiosk.setOptions(options());
        QSignalSpy kioskIn(&kiosk, &ControlClient::signedIn);
        kiosk.connectWithToken(QUrl(m_backend->url()), client.token());
        QVERIFY(kioskIn.wait(30000));
        QCOMPARE(kioskIn[0][0].value<StaffIdentity>().id, who.id);
        QTRY_COMPARE_WITH_TIMEOUT(firstGone.size(), 1, 10000);
        const auto gone = firstGone[0][0].value<DisconnectInfo>();
        QCOMPARE(gone.kind, DisconnectInfo::Kind::Replaced);
        QVERIFY(!gone.willReconnect);
        QCOMPARE(client.state(), ControlClient::State::Disconnected);
        QCOMPARE(kiosk.state(), ControlClient::State::Connected);
    }
};

QTEST_GUILESS_MAIN(TestClientE2e)
#include "tst_cc_client_e2e.moc"
