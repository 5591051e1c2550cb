// The connection-string helpers of store/postgres: what libpq is given and what logs show.
#include "store/postgres/PgConnInfo.h"

#include <QTest>

using namespace hb::pgconninfo;

class TestPgConnInfo : public QObject
{
    Q_OBJECT

private slots:
    void withParameter_data();
    void withParameter();
    void redacted_data();
    void redacted();
    void oneLineJoinsLibpqMessages();
};

void TestPgConnInfo::withParameter_data()
{
    QTest::addColumn<QString>("conninfo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("uri") << QStringLiteral("postgresql:///halobestie")
                         << QStringLiteral("postgresql:///halobestie?connect_timeout=5");
    QTest::newRow("uri with query")
        << QStringLiteral("postgresql://h/db?sslmode=require")
        << QStringLiteral("postgresql://h/db?sslmode=require&connect_timeout=5");
    QTest::newRow("uri already sets it") << QStringLiteral("postgres://h/db?connect_timeout=9")
                                         << QStringLiteral("postgres://h/db?connect_timeout=9");
    QTest::newRow("keywords") << QStringLiteral("host=h dbname=db")
                              << QStringLiteral("host=h dbname=db connect_timeout='5'");
    QTest::newRow("keywords already set") << QStringLiteral("dbname=db connect_timeout = 9")
                                          << QStringLiteral("dbname=db connect_timeout = 9");
    QTest::newRow("empty") << QString() << QStringLiteral("connect_timeout='5'");
}

void TestPgConnInfo::withParameter()
{
    QFETCH(QString, conninfo);
    QFETCH(QString, expected);
    QCOMPARE(hb::pgconninfo::withParameter(conninfo, QStringLiteral("connect_timeout"),
                                           QStringLiteral("5")),
             expected);
}

void TestPgConnInfo::redacted_data()
{
    QTest::addColumn<QString>("conninfo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no password") << QStringLiteral("postgresql://app@db:5432/hb")
                                 << QStringLiteral("postgresql://app@db:5432/hb");
    QTest::newRow("password") << QStringLiteral("postgresql://app:p%40ss@db:5432/hb")
                              << QStringLiteral("postgresql://app:***@db:5432/hb");
    QTest::newRow("@ in password") << QStringLiteral("postgresql://app:a@b@db/hb")
                                   << QStringLiteral("postgresql://app:***@db/hb");
    QTest::newRow("password parameter")
        << QStringLiteral("postgresql://db/hb?user=app&password=x&sslmode=require")
        << QStringLiteral("postgresql://db/hb?user=app&password=***&sslmode=require");
    QTest::newRow("host port only")
        << QStringLiteral("postgresql://db:5432/hb") << QStringLiteral("postgresql://db:5432/hb");
    QTest::newRow("keywords") << QStringLiteral("host=db password='a b\\'c' user=app")
                              << QStringLiteral("host=db password=*** user=app");
}

void TestPgConnInfo::redacted()
{
    QFETCH(QString, conninfo);
    QFETCH(QString, expected);
    QCOMPARE(hb::pgconninfo::redacted(conninfo), expected);
}

void TestPgConnInfo::oneLineJoinsLibpqMessages()
{
    QCOMPARE(
        oneLine("connection to server failed: Connection refused\n\tIs the server running?\n"),
        QStringLiteral("connection to server failed: Connection refused Is the server running?"));
}

QTEST_GUILESS_MAIN(TestPgConnInfo)
#include "tst_pgconninfo.moc"
