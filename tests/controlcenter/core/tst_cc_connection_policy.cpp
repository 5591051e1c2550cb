// The pure parts of connection handling: reconnect delays, and what each way of failing or
// ending is called and whether it is worth reconnecting.
#include "core/Backoff.h"
#include "core/ConnectionFailures.h"
#include "core/RefreshThrottle.h"

#include <QSignalSpy>
#include <QTest>

using namespace hb;
using namespace hb::cc;
using namespace Qt::StringLiterals;

class TestConnectionPolicy : public QObject
{
    Q_OBJECT

private slots:
    void backoffDoublesToTheCapWithJitter()
    {
        Backoff backoff(1000, 30000, 0.2);
        backoff.seed(42);
        const int base[] = {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        bool someJitter = false;
        for (int expected : base) {
            const int d = backoff.nextDelayMs();
            QVERIFY2(d >= expected * 0.8 && d <= expected * 1.2, qPrintable(QString::number(d)));
            someJitter = someJitter || d != expected;
        }
        QVERIFY(someJitter);
        QCOMPARE(backoff.attempts(), 8);
        for (int i = 0; i < 100; ++i)
            QVERIFY(backoff.nextDelayMs() <= 36000); // no overflow after many attempts
        backoff.reset();
        QVERIFY(backoff.nextDelayMs() <= 1200);
        Backoff exact(100, 400, 0.0);
        QCOMPARE(exact.nextDelayMs(), 100);
        QCOMPARE(exact.nextDelayMs(), 200);
        QCOMPARE(exact.nextDelayMs(), 400);
        QCOMPARE(exact.nextDelayMs(), 400);
    }

    void signInRefusals()
    {
        const auto err = [](ErrorCode code, const QString &text) {
            return servermsg::Error{code, toString(code), text};
        };
        QCOMPARE(signInErrorFromServer(err(ErrorCode::Unauthorized, u"x"_s), true).kind,
                 SignInError::Kind::WrongCredentials);
        QCOMPARE(signInErrorFromServer(err(ErrorCode::Unauthorized, u"x"_s), false).kind,
                 SignInError::Kind::TokenRejected);
        QCOMPARE(signInErrorFromServer(err(ErrorCode::RateLimited, u"x"_s), true).kind,
                 SignInError::Kind::RateLimited);
        QCOMPARE(signInErrorFromServer(err(ErrorCode::Unavailable, u"x"_s), true).kind,
                 SignInError::Kind::ServerUnavailable);
        const SignInError other = signInErrorFromServer(err(ErrorCode::Internal, u"boom"_s), true);
        QCOMPARE(other.kind, SignInError::Kind::ServerError);
        QVERIFY(other.message.contains(u"boom"_s));
    }

    void signInEndings()
    {
        ConnectionEnd tls;
        tls.tlsFailed = true;
        tls.errorString = u"The certificate is self-signed, and untrusted"_s;
        const SignInError t = signInErrorFromEnd(tls, true);
        QCOMPARE(t.kind, SignInError::Kind::TlsError);
        QVERIFY(t.message.contains(u"self-signed"_s));

        ConnectionEnd refused;
        refused.socketError = QAbstractSocket::ConnectionRefusedError;
        QCOMPARE(signInErrorFromEnd(refused, true).kind, SignInError::Kind::Unreachable);
        ConnectionEnd noHost;
        noHost.socketError = QAbstractSocket::HostNotFoundError;
        QCOMPARE(signInErrorFromEnd(noHost, true).kind, SignInError::Kind::Unreachable);

        ConnectionEnd closed4001;
        closed4001.wasOpen = true;
        closed4001.closeCode = 4001;
        QCOMPARE(signInErrorFromEnd(closed4001, false).kind, SignInError::Kind::TokenRejected);
        ConnectionEnd closed1011 = closed4001;
        closed1011.closeCode = 1011;
        QCOMPARE(signInErrorFromEnd(closed1011, true).kind, SignInError::Kind::ServerUnavailable);
        ConnectionEnd timedOut;
        timedOut.cause = ConnectionEnd::Cause::TimedOut;
        QCOMPARE(signInErrorFromEnd(timedOut, true).kind, SignInError::Kind::Unreachable);
    }

    void disconnects_data()
    {
        QTest::addColumn<int>("cause");
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("reconnect");
        using C = ConnectionEnd::Cause;
        using K = DisconnectInfo::Kind;
        QTest::newRow("drop") << int(C::Closed) << 1006 << int(K::NetworkLost) << true;
        QTest::newRow("shutdown") << int(C::Closed) << 1001 << int(K::ServerShutdown) << true;
        QTest::newRow("replaced") << int(C::Closed) << 4002 << int(K::Replaced) << false;
        QTest::newRow("unauthorized") << int(C::Closed) << 4001 << int(K::Unauthorized) << false;
        QTest::newRow("policy") << int(C::Closed) << 1008 << int(K::Other) << true;
        QTest::newRow("silent") << int(C::Silent) << 0 << int(K::NetworkLost) << true;
        QTest::newRow("signed out") << int(C::SignedOff) << 1000 << int(K::SignedOut) << false;
    }

    void disconnects()
    {
        QFETCH(int, cause);
        QFETCH(int, closeCode);
        QFETCH(int, kind);
        QFETCH(bool, reconnect);
        ConnectionEnd end;
        end.cause = ConnectionEnd::Cause(cause);
        end.wasOpen = true;
        end.closeCode = closeCode;
        const DisconnectInfo info = disconnectInfoFromEnd(end);
        QCOMPARE(int(info.kind), kind);
        QCOMPARE(info.willReconnect, reconnect);
        QVERIFY(!info.message.isEmpty());
    }

    void finalReconnectFailures()
    {
        ConnectionEnd end;
        end.wasOpen = true;
        end.closeCode = 4001;
        QVERIFY(isFinalReconnectFailure(end, std::nullopt));
        end.closeCode = 1011;
        QVERIFY(!isFinalReconnectFailure(end, std::nullopt));
        ConnectionEnd refused;
        refused.socketError = QAbstractSocket::ConnectionRefusedError;
        QVERIFY(!isFinalReconnectFailure(refused, std::nullopt));
        QVERIFY(isFinalReconnectFailure(
            refused, servermsg::Error{ErrorCode::Unauthorized, u"unauthorized"_s, u"x"_s}));
    }

    void throttleCoalesces()
    {
        RefreshThrottle throttle(100);
        QSignalSpy fired(&throttle, &RefreshThrottle::fire);
        throttle.request();
        QCOMPARE(fired.size(), 1); // at once after a quiet time
        throttle.request();
        throttle.request();
        QCOMPARE(fired.size(), 1); // in flight
        throttle.done();
        QCOMPARE(fired.size(), 1); // owed, but too soon
        QTRY_COMPARE(fired.size(), 2);
        throttle.done();
        QTest::qWait(150);
        QCOMPARE(fired.size(), 2); // nothing owed
        throttle.request();
        QCOMPARE(fired.size(), 3); // quiet long enough: at once
        throttle.reset();
        throttle.request();
        QCOMPARE(fired.size(), 4); // reset forgets the one in flight and the interval
    }
};

QTEST_GUILESS_MAIN(TestConnectionPolicy)
#include "tst_cc_connection_policy.moc"
