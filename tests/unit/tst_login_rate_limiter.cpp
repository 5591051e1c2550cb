// LoginRateLimiter: per-account and per-address sliding windows, driven by an injected clock.
#include "control/LoginRateLimiter.h"

#include <QTest>

using hb::LoginRateLimiter;
using Verdict = LoginRateLimiter::Verdict;

namespace {

constexpr qint64 kWindow = 5 * 60 * 1000;

} // namespace

class TestLoginRateLimiter : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 1'000'000;

    LoginRateLimiter limiter(int perAccount = 5, int perAddress = 20)
    {
        return LoginRateLimiter({perAccount, perAddress, kWindow}, [this] { return m_now; });
    }

    // `count` failed attempts, each allowed.
    static bool failTimes(LoginRateLimiter &l, const QString &account, const QString &address,
                          int count)
    {
        for (int i = 0; i < count; ++i)
            if (l.begin(account, address) != Verdict::Allowed)
                return false;
        return true;
    }

private slots:
    void init() { m_now = 1'000'000; }

    void accountLocksAfterItsLimit()
    {
        auto l = limiter();
        QVERIFY(failTimes(l, QStringLiteral("ops"), QStringLiteral("10.0.0.1"), 5));
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("10.0.0.1")),
                 Verdict::AccountLimited);
        // From another address too: the account is what is protected.
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("10.0.0.2")),
                 Verdict::AccountLimited);
        // Other accounts from the same address are not.
        QCOMPARE(l.begin(QStringLiteral("dev"), QStringLiteral("10.0.0.1")), Verdict::Allowed);
    }

    void slidingWindowReleasesOneFailureAtATime()
    {
        auto l = limiter();
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::Allowed);
            m_now += 10'000; // failures at t, t+10 s, ..., t+40 s
        }
        m_now = 1'000'000 + kWindow - 1; // the first is still inside
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::AccountLimited);
        m_now = 1'000'000 + kWindow; // the first has left the window
        QCOMPARE(l.accountFailures(QStringLiteral("ops")), 4);
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::Allowed);
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::AccountLimited);
        m_now += 10'000; // the second leaves
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::Allowed);
    }

    void refusedAttemptsDoNotExtendTheLockout()
    {
        auto l = limiter();
        QVERIFY(failTimes(l, QStringLiteral("ops"), QStringLiteral("a"), 5));
        for (int i = 0; i < 100; ++i) {
            m_now += 1000;
            QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::AccountLimited);
        }
        m_now = 1'000'000 + kWindow;
        QCOMPARE(l.accountFailures(QStringLiteral("ops")), 0);
        QCOMPARE(l.addressFailures(QStringLiteral("a")), 0);
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::Allowed);
    }

    void addressLocksAcrossAccounts()
    {
        auto l = limiter();
        for (int i = 0; i < 20; ++i)
            QCOMPARE(l.begin(QStringLiteral("user%1").arg(i), QStringLiteral("10.0.0.9")),
                     Verdict::Allowed);
        QCOMPARE(l.begin(QStringLiteral("fresh"), QStringLiteral("10.0.0.9")),
                 Verdict::AddressLimited);
        QCOMPARE(l.begin(QStringLiteral("fresh"), QStringLiteral("10.0.0.10")), Verdict::Allowed);
        m_now += kWindow;
        QCOMPARE(l.begin(QStringLiteral("fresh"), QStringLiteral("10.0.0.9")), Verdict::Allowed);
    }

    void successResetsTheAccountOnly()
    {
        auto l = limiter();
        QVERIFY(failTimes(l, QStringLiteral("ops"), QStringLiteral("a"), 4));
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::Allowed);
        l.succeeded(QStringLiteral("ops"), QStringLiteral("a"));
        QCOMPARE(l.accountFailures(QStringLiteral("ops")), 0);
        // The four failures still count for the address, the success does not.
        QCOMPARE(l.addressFailures(QStringLiteral("a")), 4);
        QVERIFY(failTimes(l, QStringLiteral("ops"), QStringLiteral("a"), 5));
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::AccountLimited);
    }

    void parallelAttemptsCountBeforeTheyAreDecided()
    {
        // Six attempts begun at once, none decided yet: the sixth must already be refused.
        auto l = limiter();
        QVERIFY(failTimes(l, QStringLiteral("ops"), QStringLiteral("a"), 5));
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::AccountLimited);
    }

    void abandonedAttemptsDoNotCount()
    {
        auto l = limiter();
        QVERIFY(failTimes(l, QStringLiteral("ops"), QStringLiteral("a"), 5));
        l.abandoned(QStringLiteral("ops"), QStringLiteral("a"));
        QCOMPARE(l.accountFailures(QStringLiteral("ops")), 4);
        QCOMPARE(l.addressFailures(QStringLiteral("a")), 4);
        QCOMPARE(l.begin(QStringLiteral("ops"), QStringLiteral("a")), Verdict::Allowed);
    }

    void forgottenKeysArePruned()
    {
        auto l = limiter();
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(l.begin(QStringLiteral("u%1").arg(i), QStringLiteral("addr%1").arg(i)),
                     Verdict::Allowed);
        QCOMPARE(l.trackedKeys(), 2000);
        m_now += kWindow + 1;
        l.begin(QStringLiteral("late"), QStringLiteral("late-addr"));
        QCOMPARE(l.trackedKeys(), 2);
    }

    void addressKeys_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("key");
        QTest::newRow("ipv4") << QStringLiteral("192.0.2.7") << QStringLiteral("192.0.2.7");
        QTest::newRow("mapped") << QStringLiteral("::ffff:192.0.2.7")
                                << QStringLiteral("192.0.2.7");
        QTest::newRow("ipv6 /64") << QStringLiteral("2001:db8:1:2:aaaa:bbbb:cccc:dddd")
                                  << QStringLiteral("2001:db8:1:2::/64");
        QTest::newRow("loopback6") << QStringLiteral("::1") << QStringLiteral("::/64");
    }

    void addressKeys()
    {
        QFETCH(QString, address);
        QFETCH(QString, key);
        QCOMPARE(LoginRateLimiter::addressKey(QHostAddress(address)), key);
    }
};

QTEST_GUILESS_MAIN(TestLoginRateLimiter)
#include "tst_login_rate_limiter.moc"
