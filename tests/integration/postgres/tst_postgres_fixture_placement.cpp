// The PostgreSQL fixture works wherever the checkout is. A checkout in a home directory (mode
// 0700 on Debian, for root and every user) once made every PostgreSQL test fail when run as
// root: the server runs as `postgres`, who could not enter the build tree that held its data.
// Here HB_TEST_TMPDIR points into such a directory on purpose.
#include "common/TestTempDir.h"
#include "postgres/PostgresServer.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <pwd.h>
#include <unistd.h>

using namespace hb::test;

class TestPostgresFixturePlacement : public QObject
{
    Q_OBJECT

private slots:
    void reachabilityFollowsEveryAncestor();
    void startsWithTestTmpdirInPrivateHome();
};

void TestPostgresFixturePlacement::reachabilityFollowsEveryAncestor()
{
    QTemporaryDir outer; // 0700, owned by us
    QVERIFY(outer.isValid());
    const QString inner = outer.filePath(QStringLiteral("inner"));
    QVERIFY(QDir().mkpath(inner));
    QFile::setPermissions(inner, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                     QFileDevice::ExeOwner | QFileDevice::ExeOther);

    // Our own user reaches both.
    QVERIFY(isReachableBy(inner, ::geteuid(), ::getegid()));
    // Another user is stopped by the 0700 parent, although `inner` itself lets everyone in.
    const uid_t stranger = ::geteuid() == 0 ? 65534 : ::geteuid() + 1; // nobody, or any other
    QVERIFY(!isReachableBy(inner, stranger, 65534));
    QFile::setPermissions(outer.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner | QFileDevice::ExeOther);
    QVERIFY(isReachableBy(inner, stranger, 65534));
    QVERIFY(!isReachableBy(outer.filePath(QStringLiteral("missing")), ::geteuid(), ::getegid()));
}

void TestPostgresFixturePlacement::startsWithTestTmpdirInPrivateHome()
{
    QTemporaryDir home; // stands for /root or /home/<user>: mode 0700
    QVERIFY(home.isValid());
    QVERIFY(QFile::setPermissions(home.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                   QFileDevice::ExeOwner));
    const QString tmpdir = home.filePath(QStringLiteral("project/build/dev/test-tmp"));
    const QByteArray saved = qgetenv("HB_TEST_TMPDIR");
    qputenv("HB_TEST_TMPDIR", tmpdir.toLocal8Bit());
    auto restore = qScopeGuard([&] { qputenv("HB_TEST_TMPDIR", saved); });

    PostgresServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.query(QStringLiteral("postgres"), QStringLiteral("SELECT 1")),
             QList<QStringList>{{QStringLiteral("1")}});

    const QString data = server.dataDirectory();
    if (::geteuid() == 0) {
        // The server runs as `postgres`: its data had to go where that user can reach.
        const passwd *pg = ::getpwnam("postgres");
        QVERIFY(pg);
        QVERIFY2(!data.startsWith(home.path()), qPrintable(data));
        QVERIFY(isReachableBy(data, pg->pw_uid, pg->pw_gid));
        QVERIFY(!isReachableBy(tmpdir, pg->pw_uid, pg->pw_gid));
    } else {
        // The server runs as we do: the private folder is fine.
        QVERIFY2(data.startsWith(tmpdir), qPrintable(data));
    }
    server.stop();
    QVERIFY(!server.isRunning());
}

QTEST_GUILESS_MAIN(TestPostgresFixturePlacement)
#include "tst_postgres_fixture_placement.moc"
