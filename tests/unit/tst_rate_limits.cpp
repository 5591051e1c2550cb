// The gateway's rate limits and connection caps: pure classes, driven with explicit times.
#include "gateway/ConnectionCaps.h"
#include "gateway/TokenBucket.h"
#include "gateway/UserRateLimiter.h"

#include <QTest>

using namespace hb;

class TestRateLimits : public QObject
{
    Q_OBJECT
private slots:
    void bucketAllowsTheBurstThenRefuses()
    {
        TokenBucket bucket(10.0, 5.0, 1000);
        for (int i = 0; i < 5; ++i)
            QVERIFY2(bucket.take(1000), qPrintable(QString::number(i)));
        QVERIFY(!bucket.take(1000));
        QCOMPARE(bucket.msUntil(1000), 100); // 10 per second: one token every 100 ms
    }

    void bucketRefillsAtTheRateAndNeverAboveTheBurst()
    {
        TokenBucket bucket(10.0, 5.0, 0);
        for (int i = 0; i < 5; ++i)
            bucket.take(0);
        QVERIFY(!bucket.take(99));
        QVERIFY(bucket.take(100));
        QVERIFY(!bucket.take(100));
        // A long pause refills only up to the burst.
        QVERIFY(bucket.isFull(60000));
        for (int i = 0; i < 5; ++i)
            QVERIFY(bucket.take(60000));
        QVERIFY(!bucket.take(60000));
    }

    void refusedTakesChangeNothing()
    {
        TokenBucket bucket(1.0, 1.0, 0);
        QVERIFY(bucket.take(0));
        for (int i = 0; i < 100; ++i)
            QVERIFY(!bucket.take(500));
        QVERIFY(bucket.take(1000)); // refused attempts did not push the refill back
    }

    void clockGoingBackRefillsNothing()
    {
        TokenBucket bucket(1000.0, 2.0, 1000);
        bucket.take(1000);
        bucket.take(1000);
        QVERIFY(!bucket.take(500));
        QCOMPARE(bucket.msUntil(500), 1);
    }

    void costAboveTheBurstWithoutRefillIsNever()
    {
        TokenBucket bucket(0.0, 2.0, 0);
        QCOMPARE(bucket.msUntil(0, 3.0), -1);
    }

    void userLimiterSlowsCostlyMessagesFirst()
    {
        UserRateLimiter limiter({100.0, 100.0, 0.2, 4.0});
        const QString user = QStringLiteral("customer:c-1");
        for (int i = 0; i < 4; ++i)
            QCOMPARE(limiter.admit(user, true, 0), 0);
        const qint64 wait = limiter.admit(user, true, 0);
        QCOMPARE(wait, 5000); // 0.2 per second
        // Cheap messages still pass while the costly bucket is empty.
        QCOMPARE(limiter.admit(user, false, 0), 0);
        QCOMPARE(limiter.admit(user, true, 5000), 0);
    }

    void lightMessagesWeighLess()
    {
        UserRateLimiter limiter({1.0, 2.0, 1.0, 2.0});
        for (int i = 0; i < 20; ++i)
            QCOMPARE(limiter.admit(QStringLiteral("mitra:m"), false, 0, 0.1), 0);
        QVERIFY(limiter.admit(QStringLiteral("mitra:m"), false, 0, 0.1) > 0);
    }

    void usersAreLimitedApart()
    {
        UserRateLimiter limiter({1.0, 1.0, 1.0, 1.0});
        QCOMPARE(limiter.admit(QStringLiteral("customer:x"), false, 0), 0);
        QVERIFY(limiter.admit(QStringLiteral("customer:x"), false, 0) > 0);
        // Same sub, other role: another user.
        QCOMPARE(limiter.admit(QStringLiteral("mitra:x"), false, 0), 0);
    }

    void pruningForgetsOnlyRefilledUsers()
    {
        UserRateLimiter limiter({1.0, 2.0, 1.0, 2.0});
        limiter.admit(QStringLiteral("a"), false, 0);
        limiter.admit(QStringLiteral("b"), false, 900);
        limiter.prune(1000); // a is full again at 1000 ms; b is not
        QCOMPARE(limiter.trackedUsers(), 1);
        limiter.prune(10000);
        QCOMPARE(limiter.trackedUsers(), 0);
    }

    void capsCountTotalUnauthenticatedAndPerAddress()
    {
        ConnectionCaps caps({3, 2, 2});
        QCOMPARE(caps.admitConnection(), ConnectionCaps::Verdict::Admitted);
        QCOMPARE(caps.admitConnection(), ConnectionCaps::Verdict::Admitted);
        QCOMPARE(caps.admitConnection(), ConnectionCaps::Verdict::TooManyUnauthenticated);
        caps.authenticated();
        QCOMPARE(caps.admitConnection(), ConnectionCaps::Verdict::Admitted);
        caps.authenticated();
        QCOMPARE(caps.admitConnection(), ConnectionCaps::Verdict::TooManyInTotal);
        caps.releaseConnection(false);
        QCOMPARE(caps.total(), 2);
        QCOMPARE(caps.unauthenticated(), 1);

        QCOMPARE(caps.admitAddress(QStringLiteral("1.2.3.4")), ConnectionCaps::Verdict::Admitted);
        QCOMPARE(caps.admitAddress(QStringLiteral("1.2.3.4")), ConnectionCaps::Verdict::Admitted);
        QCOMPARE(caps.admitAddress(QStringLiteral("1.2.3.4")),
                 ConnectionCaps::Verdict::TooManyFromAddress);
        QCOMPARE(caps.admitAddress(QStringLiteral("5.6.7.8")), ConnectionCaps::Verdict::Admitted);
        caps.releaseAddress(QStringLiteral("1.2.3.4"));
        QCOMPARE(caps.admitAddress(QStringLiteral("1.2.3.4")), ConnectionCaps::Verdict::Admitted);
        caps.releaseAddress(QStringLiteral("5.6.7.8"));
        QCOMPARE(caps.trackedAddresses(), 1); // empty counts are forgotten
    }

    void addressKeysGroupIpv6By64()
    {
        QCOMPARE(ConnectionCaps::addressKey(QHostAddress(QStringLiteral("::ffff:10.1.2.3"))),
                 QStringLiteral("10.1.2.3"));
        QCOMPARE(ConnectionCaps::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2:aaaa::1"))),
                 ConnectionCaps::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2:bbbb::2"))));
        QVERIFY(ConnectionCaps::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2::1"))) !=
                ConnectionCaps::addressKey(QHostAddress(QStringLiteral("2001:db8:1:3::1"))));
    }
};

QTEST_APPLESS_MAIN(TestRateLimits)
#include "tst_rate_limits.moc"
