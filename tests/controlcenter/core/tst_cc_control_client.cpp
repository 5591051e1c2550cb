// The control client against an in-process fake server on 127.0.0.1: sign-in and its failures
// (each with a clear message), request/answer correlation and timeouts, live lists refreshed on
// stats pushes (throttled), reconnecting with backoff using the token, and when not to.
#include "FakeStaffServer.h"
#include "RawPeers.h"
#include "core/ControlClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace hb;
using namespace hb::cc;
using namespace hb::cc::test;
using namespace Qt::StringLiterals;

namespace {

ControlClient::Options fastOptions()
{
    ControlClient::Options o;
    o.requestTimeoutMs = 400;
    o.signInTimeoutMs = 1500;
    o.reconnectInitialMs = 40;
    o.reconnectMaxMs = 320;
    o.reconnectJitter = 0.2;
    o.pingIntervalMs = 0; // the fake answers pings anyway; liveness has its own test
    o.pongTimeoutMs = 0;
    o.listRefreshMinIntervalMs = 150;
    return o;
}

QJsonObject statsPush(int activeChats)
{
    return QJsonObject{{u"type"_s, u"stats"_s},
                       {u"at"_s, u"2026-04-05T15:17:50.000Z"_s},
                       {u"active_chats"_s, activeChats},
                       {u"active_mitras"_s, 0},
                       {u"pending_requests"_s, 0},
                       {u"mitras"_s, QJsonArray()}};
}

// A port nobody listens on.
quint16 deadPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

class TestControlClient : public QObject
{
    Q_OBJECT

    FakeStaffServer *m_server = nullptr;
    ControlClient *m_client = nullptr;

    void signIn(const QString &user = u"ayu"_s)
    {
        QSignalSpy in(m_client, &ControlClient::signedIn);
        m_client->connectWithPassword(m_server->url(), user, u"pw-"_s + user);
        QVERIFY(in.wait(5000));
        // Subscribed and lists asked for.
        QTRY_COMPARE(m_server->count(u"stats.subscribe"_s), 1);
        QTRY_VERIFY(m_server->count(u"sessions.list"_s) >= 1);
        QTRY_VERIFY(m_server->count(u"requests.list"_s) >= 1);
    }

private slots:
    void init()
    {
        m_server = new FakeStaffServer;
        QVERIFY(m_server->listen());
        m_server->addAccount(u"ayu"_s, u"pw-ayu"_s, true);
        m_server->addAccount(u"vina"_s, u"pw-vina"_s, false);
        m_client = new ControlClient;
        m_client->setOptions(fastOptions());
    }

    void cleanup()
    {
        delete m_client;
        delete m_server;
    }

    void signsInWithPassword()
    {
        QSignalSpy states(m_client, &ControlClient::stateChanged);
        QSignalSpy in(m_client, &ControlClient::signedIn);
        QSignalSpy stats(m_client, &ControlClient::statsReceived);
        QSignalSpy sessions(m_client, &ControlClient::sessionsReceived);
        QSignalSpy requests(m_client, &ControlClient::requestsReceived);
        // No path: /v1/ws is added.
        QUrl bare = m_server->url();
        bare.setPath(QString());
        m_client->connectWithPassword(bare, u"ayu"_s, u"pw-ayu"_s);
        QCOMPARE(m_client->state(), ControlClient::State::Connecting);
        QVERIFY(in.wait(5000));

        QCOMPARE(states.size(), 3);
        QCOMPARE(states[0][0].value<ControlClient::State>(), ControlClient::State::Connecting);
        QCOMPARE(states[1][0].value<ControlClient::State>(), ControlClient::State::SigningIn);
        QCOMPARE(states[2][0].value<ControlClient::State>(), ControlClient::State::Connected);
        const auto who = in[0][0].value<StaffIdentity>();
        QCOMPARE(who.id, u"staff_ayu"_s);
        QCOMPARE(who.name, u"AYU"_s);
        QVERIFY(who.maySupervise());
        QCOMPARE(in[0][1].toString(), u"token-ayu"_s);
        QCOMPARE(in[0][2].toString(), u"fake-1"_s);
        QCOMPARE(m_client->token(), u"token-ayu"_s);
        QCOMPARE(m_client->serverUrl().path(), u"/v1/ws"_s);

        const QJsonObject login = m_server->ofType(u"login"_s).value(0);
        QCOMPARE(login.value(u"username"_s).toString(), u"ayu"_s);
        QCOMPARE(login.value(u"password"_s).toString(), u"pw-ayu"_s);
        QVERIFY(!login.value(u"id"_s).toString().isEmpty());

        QTRY_COMPARE(stats.size(), 1);
        QCOMPARE(stats[0][0].value<StatsSnapshot>().mitras.value(0).id, u"m-1"_s);
        QCOMPARE(m_client->lastStats()->defaultMaxCustomers, 3);
        QTRY_COMPARE(sessions.size(), 1);
        QCOMPARE(sessions[0][0].value<QList<Session>>().value(0).id, u"s-1"_s);
        QTRY_COMPARE(requests.size(), 1);
    }

    void signsInWithToken()
    {
        signIn();
        const QString token = m_client->token();
        ControlClient kiosk;
        kiosk.setOptions(fastOptions());
        QSignalSpy in(&kiosk, &ControlClient::signedIn);
        kiosk.connectWithToken(m_server->url(), token);
        QVERIFY(in.wait(5000));
        QCOMPARE(in[0][0].value<StaffIdentity>().id, u"staff_ayu"_s);
        QCOMPARE(m_server->ofType(u"hello"_s).value(0).value(u"token"_s).toString(), token);
        QCOMPARE(kiosk.token(), token);
    }

    void viewerIsNotSupervisor()
    {
        signIn(u"vina"_s);
        QVERIFY(!m_client->identity().maySupervise());
    }

    void signInFailures_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("wrong password") << int(FakeStaffServer::LoginMode::Normal) << u"nope"_s
                                        << int(SignInError::Kind::WrongCredentials)
                                        << u"username or password is wrong"_s;
        QTest::newRow("rate limited") << int(FakeStaffServer::LoginMode::RateLimited) << u"pw-ayu"_s
                                      << int(SignInError::Kind::RateLimited) << u"Wait a few minutes"_s;
        QTest::newRow("store down") << int(FakeStaffServer::LoginMode::StoreDown) << u"pw-ayu"_s
                                    << int(SignInError::Kind::ServerUnavailable) << u"Try again later"_s;
    }

    void signInFailures()
    {
        QFETCH(int, mode);
        QFETCH(QString, password);
        QFETCH(int, kind);
        QFETCH(QString, says);
        m_server->loginMode = FakeStaffServer::LoginMode(mode);
        QSignalSpy failed(m_client, &ControlClient::signInFailed);
        QSignalSpy in(m_client, &ControlClient::signedIn);
        QSignalSpy reconnecting(m_client, &ControlClient::reconnecting);
        m_client->connectWithPassword(m_server->url(), u"ayu"_s, password);
        QVERIFY(failed.wait(5000));
        const auto error = failed[0][0].value<SignInError>();
        QCOMPARE(int(error.kind), kind);
        QVERIFY2(error.message.contains(says), qPrintable(error.message));
        QCOMPARE(m_client->state(), ControlClient::State::Disconnected);
        QVERIFY(m_client->token().isEmpty());
        // A refused sign-in is final: no retries behind the user's back.
        QTest::qWait(300);
        QCOMPARE(reconnecting.size(), 0);
        QCOMPARE(m_server->connectionsAccepted(), 1);
        QCOMPARE(in.size(), 0);
        QCOMPARE(failed.size(), 1);
    }

    void unreachableSaysSo()
    {
        QSignalSpy failed(m_client, &ControlClient::signInFailed);
        m_client->connectWithPassword(QUrl(u"ws://127.0.0.1:%1/v1/ws"_s.arg(deadPort())), u"ayu"_s,
                                      u"pw-ayu"_s);
        QVERIFY(failed.wait(5000));
        const auto error = failed[0][0].value<SignInError>();
        QCOMPARE(error.kind, SignInError::Kind::Unreachable);
        QVERIFY2(error.message.contains(u"cannot be reached"_s), qPrintable(error.message));
        QCOMPARE(m_client->state(), ControlClient::State::Disconnected);
    }

    void notAWebSocketServer()
    {
        HttpRefuser http("404 Not Found");
        QVERIFY(http.listen(QHostAddress::LocalHost, 0));
        QSignalSpy failed(m_client, &ControlClient::signInFailed);
        m_client->connectWithPassword(QUrl(u"ws://127.0.0.1:%1/wrong"_s.arg(http.serverPort())),
                                      u"ayu"_s, u"pw-ayu"_s);
        QVERIFY(failed.wait(5000));
        const auto error = failed[0][0].value<SignInError>();
        QVERIFY2(error.kind == SignInError::Kind::ProtocolError ||
                     error.kind == SignInError::Kind::Unreachable,
                 qPrintable(error.message));
        QVERIFY(!error.message.isEmpty());
    }

    void silentSignInTimesOut()
    {
        m_server->silentTypes.insert(u"login"_s);
        ControlClient::Options o = fastOptions();
        o.signInTimeoutMs = 300;
        m_client->setOptions(o);
        QSignalSpy failed(m_client, &ControlClient::signInFailed);
        m_client->connectWithPassword(m_server->url(), u"ayu"_s, u"pw-ayu"_s);
        QVERIFY(failed.wait(5000));
        const auto error = failed[0][0].value<SignInError>();
        QCOMPARE(error.kind, SignInError::Kind::Unreachable);
        QVERIFY2(error.message.contains(u"in time"_s), qPrintable(error.message));
    }

    void repliesFindTheirRequests()
    {
        signIn();
        // Hold capacity answers, then answer them in reverse order.
        QList<QJsonObject> held;
        m_server->answers.insert(u"capacity.set"_s, [&](const QJsonObject &m) {
            held.append(m);
            return std::optional<QJsonObject>();
        });
        PendingRequest *a = m_client->setMitraCapacity(u"m-1"_s, 5);
        PendingRequest *b = m_client->setGlobalCapacity(4);
        QVERIFY(a->id() != b->id());
        QSignalSpy aOk(a, &PendingRequest::succeeded);
        QSignalSpy bFailed(b, &PendingRequest::failed);
        QSignalSpy updates(m_client, &ControlClient::capacityUpdated);
        QTRY_COMPARE(held.size(), 2);
        QCOMPARE(held[0].value(u"scope"_s).toString(), u"mitra"_s);
        QCOMPARE(held[0].value(u"mitra_id"_s).toString(), u"m-1"_s);
        QCOMPARE(held[0].value(u"max_customers"_s).toInt(), 5);
        QCOMPARE(held[1].value(u"scope"_s).toString(), u"global"_s);
        QVERIFY(!held[1].contains(u"mitra_id"_s));

        // A push and a reply for nobody first: neither finishes anything.
        m_server->push(QJsonObject{{u"type"_s, u"capacity.updated"_s}, {u"scope"_s, u"global"_s},
                                   {u"max_customers"_s, 9}, {u"ref"_s, u"cc-999"_s}});
        m_server->push(QJsonObject{{u"type"_s, u"error"_s}, {u"code"_s, u"forbidden"_s},
                                   {u"message"_s, u"viewers may not change capacity"_s},
                                   {u"ref"_s, held[1].value(u"id"_s)}});
        m_server->push(QJsonObject{{u"type"_s, u"capacity.updated"_s}, {u"scope"_s, u"mitra"_s},
                                   {u"mitra_id"_s, u"m-1"_s}, {u"max_customers"_s, 5},
                                   {u"ref"_s, held[0].value(u"id"_s)}});
        QVERIFY(aOk.wait(3000) || aOk.size() == 1);
        QTRY_COMPARE(bFailed.size(), 1);
        const auto failure = bFailed[0][0].value<RequestFailure>();
        QCOMPARE(failure.kind, RequestFailure::Kind::ServerError);
        QVERIFY(failure.code == ErrorCode::Forbidden);
        QCOMPARE(failure.codeText, u"forbidden"_s);
        QCOMPARE(failure.message, u"viewers may not change capacity"_s);
        QCOMPARE(aOk[0][0].toJsonObject().value(u"mitra_id"_s).toString(), u"m-1"_s);
        QCOMPARE(updates.size(), 2); // the stray one and a's (typed signal for both)
    }

    void requestsTimeOut()
    {
        signIn();
        m_server->silentTypes.insert(u"session.reroute"_s);
        PendingRequest *r = m_client->rerouteSession(u"s-1"_s, u"m-2"_s);
        QSignalSpy failed(r, &PendingRequest::failed);
        QSignalSpy finished(r, &PendingRequest::finished);
        QVERIFY(failed.wait(3000));
        QCOMPARE(failed[0][0].value<RequestFailure>().kind, RequestFailure::Kind::TimedOut);
        QCOMPARE(finished.size(), 1);
        const QJsonObject sent = m_server->ofType(u"session.reroute"_s).value(0);
        QCOMPARE(sent.value(u"session_id"_s).toString(), u"s-1"_s);
        QCOMPARE(sent.value(u"to_mitra_id"_s).toString(), u"m-2"_s);
        // The late answer belongs to nobody and changes nothing.
        QSignalSpy errors(m_client, &ControlClient::serverError);
        m_server->push(QJsonObject{{u"type"_s, u"error"_s}, {u"code"_s, u"conflict"_s},
                                   {u"message"_s, u"late"_s}, {u"ref"_s, sent.value(u"id"_s)}});
        QVERIFY(errors.wait(2000));
    }

    void notConnectedAndInvalidFailWithoutSending()
    {
        PendingRequest *r = m_client->forceOffline(u"m-1"_s, true);
        QSignalSpy failed(r, &PendingRequest::failed);
        QVERIFY(failed.wait(1000));
        QCOMPARE(failed[0][0].value<RequestFailure>().kind, RequestFailure::Kind::NotConnected);

        signIn();
        const int before = int(m_server->received.size());
        const std::function<PendingRequest *()> invalid[] = {
            [this] { return m_client->setGlobalCapacity(1001); },
            [this] { return m_client->setGlobalCapacity(-1); },
            [this] { return m_client->setCapacity(CapacityScope::Global, {}, std::nullopt); },
            [this] { return m_client->setMitraCapacity(QString(), 3); },
        };
        for (const auto &make : invalid) {
            QSignalSpy refused(make(), &PendingRequest::failed);
            QVERIFY(refused.wait(1000));
            QCOMPARE(refused[0][0].value<RequestFailure>().kind, RequestFailure::Kind::Invalid);
        }
        QCOMPARE(m_server->received.size(), before);
    }

    void staffAdditionsOnTheWire()
    {
        signIn();
        m_server->answers.insert(u"mitra.force_offline"_s, [](const QJsonObject &m) {
            return std::optional<QJsonObject>(QJsonObject{
                {u"type"_s, u"mitra.forced_offline"_s},
                {u"mitra_id"_s, m.value(u"mitra_id"_s)},
                {u"was_online"_s, true},
                {u"rerouted"_s, QJsonArray{QJsonObject{{u"session_id"_s, u"s-1"_s}, {u"to_mitra_id"_s, u"m-2"_s}}}},
                {u"kept"_s, QJsonArray()}});
        });
        m_server->answers.insert(u"audit.list"_s, [](const QJsonObject &) {
            return std::optional<QJsonObject>(QJsonObject{
                {u"type"_s, u"audit"_s}, {u"more"_s, false}, {u"entries"_s, QJsonArray()}});
        });
        m_server->answers.insert(u"presence.history"_s, [](const QJsonObject &m) {
            return std::optional<QJsonObject>(QJsonObject{{u"type"_s, u"presence.history"_s},
                                                          {u"mitra_id"_s, m.value(u"mitra_id"_s)},
                                                          {u"intervals"_s, QJsonArray()}});
        });
        QSignalSpy forced(m_client, &ControlClient::mitraForcedOffline);
        QSignalSpy audit(m_client, &ControlClient::auditPage);
        QSignalSpy history(m_client, &ControlClient::presenceHistory);
        m_client->forceOffline(u"m-1"_s, true);
        PendingRequest *a = m_client->requestAudit(50, 1200, u"capacity_set"_s);
        const QString auditId = a->id();
        m_client->requestPresenceHistory(u"m-1"_s, 1775347200000, 1775433600000);
        QTRY_COMPARE(forced.size(), 1);
        QTRY_COMPARE(audit.size(), 1);
        QTRY_COMPARE(history.size(), 1);
        QCOMPARE(forced[0][0].value<servermsg::MitraForcedOffline>().rerouted.size(), 1);
        QCOMPARE(audit[0][0].toString(), auditId);

        const QJsonObject f = m_server->ofType(u"mitra.force_offline"_s).value(0);
        QCOMPARE(f.value(u"mitra_id"_s).toString(), u"m-1"_s);
        QCOMPARE(f.value(u"reroute_sessions"_s).toBool(), true);
        const QJsonObject l = m_server->ofType(u"audit.list"_s).value(0);
        QCOMPARE(l.value(u"limit"_s).toInt(), 50);
        QCOMPARE(l.value(u"before_id"_s).toInteger(), 1200);
        QCOMPARE(l.value(u"action"_s).toString(), u"capacity_set"_s);
        const QJsonObject h = m_server->ofType(u"presence.history"_s).value(0);
        QCOMPARE(h.value(u"from"_s).toString(), u"2026-04-05T00:00:00.000Z"_s);
        QCOMPARE(h.value(u"to"_s).toString(), u"2026-04-06T00:00:00.000Z"_s);
    }

    void statsPushesRefreshListsThrottled()
    {
        signIn();
        QTRY_COMPARE(m_server->count(u"sessions.list"_s), 1);
        QTest::qWait(200); // let the sign-in refresh's throttle window pass
        const int before = m_server->count(u"sessions.list"_s);
        // A burst of 20 pushes within ~100 ms (longer on a busy machine: the bound follows).
        QElapsedTimer burst;
        burst.start();
        for (int i = 0; i < 20; ++i) {
            m_server->push(statsPush(i));
            QTest::qWait(5);
        }
        const qint64 burstMs = burst.elapsed();
        QSignalSpy sessions(m_client, &ControlClient::sessionsReceived);
        QTRY_VERIFY(m_server->count(u"sessions.list"_s) >= before + 1);
        // Settle: the last push is always followed by a refresh, but only a few in all.
        QTest::qWait(600);
        const int refreshes = m_server->count(u"sessions.list"_s) - before;
        // At most one per 150 ms while pushes come, plus the one after the last.
        const qint64 allowed = burstMs / 150 + 2;
        QVERIFY2(refreshes >= 1 && refreshes <= allowed,
                 qPrintable(u"%1 refreshes for a %2 ms burst"_s.arg(refreshes).arg(burstMs)));
        QCOMPARE(m_server->count(u"requests.list"_s) - before, refreshes);
        QVERIFY(m_client->lastStats()->activeChats == 19);
    }

    void reconnectsWithTheToken()
    {
        signIn();
        m_server->silentTypes.insert(u"capacity.set"_s);
        PendingRequest *inFlight = m_client->setGlobalCapacity(3);
        QSignalSpy lost(inFlight, &PendingRequest::failed);
        QSignalSpy disconnected(m_client, &ControlClient::disconnected);
        QSignalSpy reconnecting(m_client, &ControlClient::reconnecting);
        QSignalSpy reconnected(m_client, &ControlClient::reconnected);
        QSignalSpy signedInAgain(m_client, &ControlClient::signedIn);
        QTRY_COMPARE(m_server->count(u"capacity.set"_s), 1);

        m_server->dropAll(); // network drop, no close frame
        QVERIFY(disconnected.wait(3000));
        const auto info = disconnected[0][0].value<DisconnectInfo>();
        QCOMPARE(info.kind, DisconnectInfo::Kind::NetworkLost);
        QVERIFY(info.willReconnect);
        QCOMPARE(lost.size(), 1);
        QCOMPARE(lost[0][0].value<RequestFailure>().kind, RequestFailure::Kind::ConnectionLost);
        QCOMPARE(reconnecting.size(), 1);
        QCOMPARE(reconnecting[0][0].toInt(), 1);
        QCOMPARE(m_client->state(), ControlClient::State::Reconnecting);

        QVERIFY(reconnected.wait(3000));
        QCOMPARE(signedInAgain.size(), 0);
        QCOMPARE(m_client->state(), ControlClient::State::Connected);
        // The token, not the password: no second login.
        QCOMPARE(m_server->count(u"login"_s), 1);
        QCOMPARE(m_server->ofType(u"hello"_s).value(0).value(u"token"_s).toString(), u"token-ayu"_s);
        // Views refreshed.
        QTRY_COMPARE(m_server->count(u"stats.subscribe"_s), 2);
        QTRY_VERIFY(m_server->count(u"sessions.list"_s) >= 2);
        QTRY_VERIFY(m_server->count(u"requests.list"_s) >= 2);
    }

    void backsOffWhileTheServerIsAway()
    {
        signIn();
        QSignalSpy reconnecting(m_client, &ControlClient::reconnecting);
        QSignalSpy reconnected(m_client, &ControlClient::reconnected);
        m_server->stop(); // refuses connections from now on
        QTRY_VERIFY_WITH_TIMEOUT(reconnecting.size() >= 5, 10000);
        // 40, 80, 160, 320, 320 ms (±20 %): doubling, capped.
        const double expected[] = {40, 80, 160, 320, 320};
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(reconnecting[i][0].toInt(), i + 1);
            const int delay = reconnecting[i][1].toInt();
            QVERIFY2(delay >= expected[i] * 0.8 - 1 && delay <= expected[i] * 1.2 + 1,
                     qPrintable(u"attempt %1: %2 ms"_s.arg(i + 1).arg(delay)));
        }
        QCOMPARE(m_client->state(), ControlClient::State::Reconnecting);
        QVERIFY(m_server->listen(m_server->port()));
        QVERIFY(reconnected.wait(5000));
        QCOMPARE(m_client->state(), ControlClient::State::Connected);
        // Backoff starts over after a success.
        reconnecting.clear();
        m_server->dropAll();
        QVERIFY(reconnecting.wait(3000));
        QVERIFY(reconnecting[0][1].toInt() <= 40 * 1.2 + 1);
    }

    void reconnectNowSkipsTheWait()
    {
        ControlClient::Options o = fastOptions();
        o.reconnectInitialMs = 60000; // only reconnectNow() can bring it back within the test
        o.reconnectMaxMs = 60000;
        m_client->setOptions(o);
        // Nothing to skip while connected (or before signing in).
        QVERIFY(!m_client->reconnectNow());
        signIn();
        QVERIFY(!m_client->reconnectNow());
        QCOMPARE(m_server->connectionsAccepted(), 1);

        QSignalSpy disconnected(m_client, &ControlClient::disconnected);
        QSignalSpy reconnecting(m_client, &ControlClient::reconnecting);
        QSignalSpy reconnected(m_client, &ControlClient::reconnected);
        QSignalSpy signedInAgain(m_client, &ControlClient::signedIn);
        const quint16 port = m_server->port();
        m_server->stop();
        QVERIFY(reconnecting.wait(3000));
        QVERIFY(reconnecting[0][1].toInt() >= 48000);

        // Still away: the attempt made now fails, and the backoff goes on from where it was.
        QVERIFY(m_client->reconnectNow());
        QVERIFY(!m_client->reconnectNow()); // that attempt is under way
        QVERIFY(reconnecting.wait(3000));
        QCOMPARE(reconnecting[1][0].toInt(), 2);
        QCOMPARE(m_client->state(), ControlClient::State::Reconnecting);

        // Back: reconnected at once, as after an automatic attempt.
        QVERIFY(m_server->listen(port));
        QVERIFY(m_client->reconnectNow());
        QVERIFY(reconnected.wait(3000));
        QCOMPARE(m_client->state(), ControlClient::State::Connected);
        QCOMPARE(signedInAgain.size(), 0);
        QCOMPARE(disconnected.size(), 1); // the loss only: no SignedOut that would clear the views
        QVERIFY(disconnected[0][0].value<DisconnectInfo>().willReconnect);
        QCOMPARE(m_server->count(u"login"_s), 1);
        QCOMPARE(m_server->ofType(u"hello"_s).value(0).value(u"token"_s).toString(), u"token-ayu"_s);
        QTRY_COMPARE(m_server->count(u"stats.subscribe"_s), 2); // subscribed again
    }

    void serverShutdownReconnects()
    {
        signIn();
        QSignalSpy disconnected(m_client, &ControlClient::disconnected);
        QSignalSpy reconnected(m_client, &ControlClient::reconnected);
        m_server->closeAll(1001, u"server shutting down"_s);
        QVERIFY(disconnected.wait(3000));
        QCOMPARE(disconnected[0][0].value<DisconnectInfo>().kind, DisconnectInfo::Kind::ServerShutdown);
        QCOMPARE(disconnected[0][0].value<DisconnectInfo>().closeCode, 1001);
        QVERIFY(reconnected.wait(3000));
    }

    void replacedDoesNotReconnect()
    {
        signIn();
        QSignalSpy disconnected(m_client, &ControlClient::disconnected);
        QSignalSpy reconnecting(m_client, &ControlClient::reconnecting);
        m_server->closeAll(4002, u"replaced by a newer connection of the same user"_s);
        QVERIFY(disconnected.wait(3000));
        const auto info = disconnected[0][0].value<DisconnectInfo>();
        QCOMPARE(info.kind, DisconnectInfo::Kind::Replaced);
        QVERIFY(!info.willReconnect);
        QCOMPARE(m_client->state(), ControlClient::State::Disconnected);
        QTest::qWait(300);
        QCOMPARE(reconnecting.size(), 0);
        QCOMPARE(m_server->connectionsAccepted(), 1);
    }

    void revokedTokenEndsReconnecting()
    {
        signIn();
        QSignalSpy disconnected(m_client, &ControlClient::disconnected);
        m_server->revokeTokens();
        m_server->dropAll();
        // First the drop (will reconnect), then the refused hello (will not).
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 2, 5000);
        QVERIFY(disconnected[0][0].value<DisconnectInfo>().willReconnect);
        const auto final = disconnected[1][0].value<DisconnectInfo>();
        QCOMPARE(final.kind, DisconnectInfo::Kind::Unauthorized);
        QVERIFY(!final.willReconnect);
        QCOMPARE(m_client->state(), ControlClient::State::Disconnected);
        QVERIFY(m_client->token().isEmpty());
        const int attempts = m_server->connectionsAccepted();
        QTest::qWait(300);
        QCOMPARE(m_server->connectionsAccepted(), attempts);
    }

    void signOut()
    {
        signIn();
        QSignalSpy disconnected(m_client, &ControlClient::disconnected);
        m_client->disconnectFromServer();
        QCOMPARE(m_client->state(), ControlClient::State::Disconnected);
        QCOMPARE(disconnected.size(), 1);
        QCOMPARE(disconnected[0][0].value<DisconnectInfo>().kind, DisconnectInfo::Kind::SignedOut);
        QVERIFY(m_client->token().isEmpty());
        QTest::qWait(200);
        QCOMPARE(m_server->connectionsAccepted(), 1);
    }

    void silentServerIsDropped()
    {
        SilentWsPeer peer([](const QJsonObject &first) {
            return QJsonObject{{u"type"_s, u"welcome"_s}, {u"ref"_s, first.value(u"id"_s)},
                               {u"role"_s, u"staff"_s}, {u"user_id"_s, u"staff_x"_s},
                               {u"name"_s, u"X"_s}, {u"server_time"_s, u"2026-04-05T15:17:49.123Z"_s},
                               {u"heartbeat_interval_s"_s, 10}, {u"heartbeat_timeout_s"_s, 30},
                               {u"staff_role"_s, u"viewer"_s}};
        });
        QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
        ControlClient::Options o = fastOptions();
        o.pingIntervalMs = 100;
        o.pongTimeoutMs = 350;
        o.reconnectInitialMs = 5000; // one reconnect is enough to see
        m_client->setOptions(o);
        QSignalSpy in(m_client, &ControlClient::signedIn);
        QSignalSpy disconnected(m_client, &ControlClient::disconnected);
        m_client->connectWithToken(QUrl(u"ws://127.0.0.1:%1/v1/ws"_s.arg(peer.serverPort())),
                                   u"some-token"_s);
        QVERIFY(in.wait(5000));
        QVERIFY(disconnected.wait(3000));
        const auto info = disconnected[0][0].value<DisconnectInfo>();
        QCOMPARE(info.kind, DisconnectInfo::Kind::NetworkLost);
        QVERIFY(info.willReconnect);
        QCOMPARE(m_client->state(), ControlClient::State::Reconnecting);
    }
};

QTEST_GUILESS_MAIN(TestControlClient)
#include "tst_cc_control_client.moc"
