// PasswordHasher: argon2id round trips, refusals, and that the asynchronous calls run on the
// hasher's own threads.
#include "control/PasswordHasher.h"

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using hb::PasswordHasher;

namespace {

template <class T> T resultOf(QFuture<T> future)
{
    QFutureWatcher<T> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(future);
    if (!future.isFinished() && !finished.wait(30000))
        qFatal("hashing did not finish in 30 s");
    return future.result();
}

} // namespace

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private slots:
    void hashIsArgon2idAndVerifies()
    {
        // The real cost once, as accounts are stored.
        const QString hash = PasswordHasher::hashNow(QStringLiteral("correct horse battery"),
                                                     PasswordHasher::interactive());
        QVERIFY2(hash.startsWith(QLatin1String("$argon2id$v=19$")), qPrintable(hash));
        QVERIFY(PasswordHasher::verifyNow(hash, QStringLiteral("correct horse battery")));
        QVERIFY(!PasswordHasher::verifyNow(hash, QStringLiteral("correct horse batterY")));
        QVERIFY(!PasswordHasher::verifyNow(hash, QString()));
    }

    void saltMakesEveryHashDifferent()
    {
        const auto cost = PasswordHasher::minimal();
        const QString a = PasswordHasher::hashNow(QStringLiteral("same password"), cost);
        const QString b = PasswordHasher::hashNow(QStringLiteral("same password"), cost);
        QVERIFY(!a.isEmpty());
        QVERIFY(a != b);
        QVERIFY(PasswordHasher::verifyNow(a, QStringLiteral("same password")));
        QVERIFY(PasswordHasher::verifyNow(b, QStringLiteral("same password")));
    }

    void nonAsciiPasswordsAreUtf8()
    {
        const auto cost = PasswordHasher::minimal();
        const QString password = QStringLiteral("sandi rahasia \u00e9\u00e8 \U0001F600");
        const QString hash = PasswordHasher::hashNow(password, cost);
        QVERIFY(PasswordHasher::verifyNow(hash, password));
        QVERIFY(!PasswordHasher::verifyNow(hash, QStringLiteral("sandi rahasia ee ?")));
    }

    void malformedHashesNeverVerify_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << QStringLiteral("not a hash");
        QTest::newRow("truncated") << QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$");
        QTest::newRow("too long") << QString(500, QLatin1Char('a'));
    }

    void malformedHashesNeverVerify()
    {
        QFETCH(QString, hash);
        QVERIFY(!PasswordHasher::verifyNow(hash, QStringLiteral("whatever password")));
    }

    void asyncRoundTripRunsOffTheCallingThread()
    {
        PasswordHasher hasher(PasswordHasher::minimal(), 2);
        const QFuture<QString> hashed = hasher.hash(QStringLiteral("a long enough password"));
        const QString hash = resultOf(hashed);
        QVERIFY(hash.startsWith(QLatin1String("$argon2id$")));
        QVERIFY(resultOf(hasher.verify(hash, QStringLiteral("a long enough password"))));
        QVERIFY(!resultOf(hasher.verify(hash, QStringLiteral("a wrong password!!"))));
        QTRY_COMPARE(hasher.pending(), 0);
        QVERIFY(hasher.typicalVerifyMs() >= 0);
    }

    void callerIsNotBlocked()
    {
        // One thread, busy with the decoy it makes at start: checks queue behind it. Had verify()
        // done the work on the calling thread, the future would be finished when it returns.
        PasswordHasher hasher(PasswordHasher::interactive(), 1);
        const QString hash =
            PasswordHasher::hashNow(QStringLiteral("interactive pw"), PasswordHasher::minimal());
        const QFuture<bool> first = hasher.verify(hash, QStringLiteral("interactive pw"));
        const QFuture<bool> second = hasher.verify(hash, QStringLiteral("interactive pw"));
        QVERIFY(!second.isFinished());
        QCOMPARE(hasher.pending(), 2);
        QVERIFY(resultOf(first));
        QVERIFY(resultOf(second));
        QTRY_COMPARE(hasher.pending(), 0);
    }

    void decoyNeverMatches()
    {
        PasswordHasher hasher(PasswordHasher::minimal(), 1);
        QVERIFY(!resultOf(hasher.verifyDecoy(QString())));
        QVERIFY(!resultOf(hasher.verifyDecoy(QStringLiteral("any password at all"))));
    }

    void destroyingWithQueuedWorkCancelsIt()
    {
        QFuture<bool> last;
        {
            PasswordHasher hasher(PasswordHasher::interactive(), 1);
            const QString hash =
                PasswordHasher::hashNow(QStringLiteral("pw pw pw pw"), PasswordHasher::minimal());
            for (int i = 0; i < 20; ++i)
                last = hasher.verify(hash, QStringLiteral("pw pw pw pw"));
        } // must not wait for twenty checks, nor crash
        QVERIFY(last.isFinished());
        QVERIFY(last.isCanceled());
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_password_hasher.moc"
