#include "protocol/Time.h"

#include <QTest>

using namespace hb;

class TestTime : public QObject
{
    Q_OBJECT

private slots:
    void format_data();
    void format();
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void roundTrip_data();
    void roundTrip();
};

void TestTime::format_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");

    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00.000Z");
    QTest::newRow("contract example")
        << qint64(1775402269123) << QStringLiteral("2026-04-05T15:17:49.123Z");
    QTest::newRow("ms padded to three digits")
        << qint64(1709208000005) << QStringLiteral("2024-02-29T12:00:00.005Z");
    QTest::newRow("just before the epoch")
        << qint64(-1) << QStringLiteral("1969-12-31T23:59:59.999Z");
    QTest::newRow("last ms of 9999")
        << qint64(253402300799999) << QStringLiteral("9999-12-31T23:59:59.999Z");
}

void TestTime::format()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(isoTime(ms), expected);
}

void TestTime::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("with ms") << QStringLiteral("2026-04-05T15:17:49.123Z") << qint64(1775402269123);
    QTest::newRow("without ms") << QStringLiteral("2026-04-05T15:17:49Z") << qint64(1775402269000);
    QTest::newRow("one fraction digit")
        << QStringLiteral("2026-04-05T15:17:49.5Z") << qint64(1775402269500);
    QTest::newRow("nanoseconds truncated")
        << QStringLiteral("2026-04-05T15:17:49.123987654Z") << qint64(1775402269123);
    QTest::newRow("positive offset")
        << QStringLiteral("2000-01-01T00:00:00.000+07:00") << qint64(946659600000);
    QTest::newRow("negative offset with minutes")
        << QStringLiteral("2026-04-05T10:00:00.000-05:30") << qint64(1775403000000);
    QTest::newRow("offset without colon")
        << QStringLiteral("2000-01-01T00:00:00+0700") << qint64(946659600000);
    QTest::newRow("zero offset") << QStringLiteral("1970-01-01T00:00:00+00:00") << qint64(0);
    QTest::newRow("leap day") << QStringLiteral("2024-02-29T12:00:00.005Z")
                              << qint64(1709208000005);
    QTest::newRow("before the epoch") << QStringLiteral("1969-12-31T23:59:59.999Z") << qint64(-1);
}

void TestTime::parseValid()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const std::optional<qint64> parsed = parseIsoTime(text);
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(*parsed, expected);
}

void TestTime::parseInvalid_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("garbage") << QStringLiteral("yesterday");
    QTest::newRow("date only") << QStringLiteral("2026-04-05");
    QTest::newRow("no zone") << QStringLiteral("2026-04-05T15:17:49.123");
    QTest::newRow("space instead of T") << QStringLiteral("2026-04-05 15:17:49Z");
    QTest::newRow("leading space") << QStringLiteral(" 2026-04-05T15:17:49Z");
    QTest::newRow("trailing newline") << QStringLiteral("2026-04-05T15:17:49Z\n");
    QTest::newRow("dot without digits") << QStringLiteral("2026-04-05T15:17:49.Z");
    QTest::newRow("ten fraction digits") << QStringLiteral("2026-04-05T15:17:49.1234567890Z");
    QTest::newRow("february 30") << QStringLiteral("2026-02-30T00:00:00Z");
    QTest::newRow("month 13") << QStringLiteral("2026-13-01T00:00:00Z");
    QTest::newRow("hour 24") << QStringLiteral("2026-04-05T24:00:00Z");
    QTest::newRow("minute 60") << QStringLiteral("2026-04-05T15:60:00Z");
    QTest::newRow("second 60") << QStringLiteral("2026-04-05T15:17:60Z");
    QTest::newRow("offset hour 24") << QStringLiteral("2026-04-05T15:17:49+24:00");
    QTest::newRow("offset minute 60") << QStringLiteral("2026-04-05T15:17:49+01:60");
    QTest::newRow("two-digit year") << QStringLiteral("26-04-05T15:17:49Z");
    QTest::newRow("arabic-indic digits") << QString::fromUtf8("2026-04-05T\u0661\u0665:17:49Z");
    QTest::newRow("very long") << QStringLiteral("2026-04-05T15:17:49Z").repeated(10);
}

void TestTime::parseInvalid()
{
    QFETCH(QString, text);
    QVERIFY(!parseIsoTime(text).has_value());
}

void TestTime::roundTrip_data()
{
    QTest::addColumn<qint64>("ms");
    for (qint64 ms : {qint64(0), qint64(1), qint64(999), qint64(-86400001), qint64(1775402269123),
                      qint64(4102444799999)}) {
        QTest::addRow("%lld", static_cast<long long>(ms)) << ms;
    }
}

void TestTime::roundTrip()
{
    QFETCH(qint64, ms);
    QCOMPARE(parseIsoTime(isoTime(ms)), std::optional<qint64>(ms));
}

QTEST_GUILESS_MAIN(TestTime)
#include "tst_time.moc"
