#include "domain/CapacityRule.h"

#include <QTest>

using namespace hb;

Q_DECLARE_METATYPE(hb::CapacitySource)

class TestCapacityRule : public QObject
{
    Q_OBJECT

private slots:
    void effective_data();
    void effective();
    void freeAndOver_data();
    void freeAndOver();
    void validity_data();
    void validity();
    void sourceNames();
};

void TestCapacityRule::effective_data()
{
    QTest::addColumn<int>("global");
    QTest::addColumn<std::optional<int>>("override");
    QTest::addColumn<int>("expected");
    QTest::addColumn<CapacitySource>("source");

    QTest::newRow("no override") << 3 << std::optional<int>() << 3 << CapacitySource::Global;
    QTest::newRow("higher override") << 3 << std::optional<int>(5) << 5 << CapacitySource::Mitra;
    QTest::newRow("lower override") << 3 << std::optional<int>(1) << 1 << CapacitySource::Mitra;
    QTest::newRow("override zero") << 3 << std::optional<int>(0) << 0 << CapacitySource::Mitra;
    QTest::newRow("global zero") << 0 << std::optional<int>() << 0 << CapacitySource::Global;
}

void TestCapacityRule::effective()
{
    QFETCH(int, global);
    QFETCH(std::optional<int>, override);
    QFETCH(int, expected);
    QFETCH(CapacitySource, source);
    const EffectiveCapacity capacity = effectiveCapacity(global, override);
    QCOMPARE(capacity.maxCustomers, expected);
    QCOMPARE(toString(capacity.source), toString(source));
}

void TestCapacityRule::freeAndOver_data()
{
    QTest::addColumn<int>("active");
    QTest::addColumn<int>("capacity");
    QTest::addColumn<bool>("free");
    QTest::addColumn<int>("freeCount");
    QTest::addColumn<bool>("over");
    QTest::addColumn<int>("overBy");

    QTest::newRow("idle") << 0 << 3 << true << 3 << false << 0;
    QTest::newRow("one left") << 2 << 3 << true << 1 << false << 0;
    QTest::newRow("exactly full") << 3 << 3 << false << 0 << false << 0;
    QTest::newRow("capacity zero") << 0 << 0 << false << 0 << false << 0;
    QTest::newRow("lowered from 3 to 1") << 3 << 1 << false << 0 << true << 2;
    QTest::newRow("lowered to zero") << 2 << 0 << false << 0 << true << 2;
}

void TestCapacityRule::freeAndOver()
{
    QFETCH(int, active);
    QFETCH(int, capacity);
    QFETCH(bool, free);
    QFETCH(int, freeCount);
    QFETCH(bool, over);
    QFETCH(int, overBy);
    QCOMPARE(hasFreeSlot(active, capacity), free);
    QCOMPARE(freeSlots(active, capacity), freeCount);
    QCOMPARE(isOverCapacity(active, capacity), over);
    QCOMPARE(overCapacityBy(active, capacity), overBy);
}

void TestCapacityRule::validity_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("-1") << -1 << false;
    QTest::newRow("0") << 0 << true;
    QTest::newRow("1") << 1 << true;
    QTest::newRow("1000") << 1000 << true;
    QTest::newRow("1001") << 1001 << false;
}

void TestCapacityRule::validity()
{
    QFETCH(int, value);
    QFETCH(bool, valid);
    QCOMPARE(isValidCapacity(value), valid);
}

void TestCapacityRule::sourceNames()
{
    QCOMPARE(toString(CapacitySource::Global), QStringLiteral("global"));
    QCOMPARE(toString(CapacitySource::Mitra), QStringLiteral("mitra"));
    QCOMPARE(capacitySourceFromString(QStringLiteral("global")),
             std::optional<CapacitySource>(CapacitySource::Global));
    QCOMPARE(capacitySourceFromString(QStringLiteral("mitra")),
             std::optional<CapacitySource>(CapacitySource::Mitra));
    QVERIFY(!capacitySourceFromString(QStringLiteral("Mitra")).has_value());
}

QTEST_GUILESS_MAIN(TestCapacityRule)
#include "tst_capacity_rule.moc"
