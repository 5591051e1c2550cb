// A mitra's online intervals for one day: asked for by range, answers for another range
// ignored, re-answers merged in place, bars placed as fractions of the day.
#include "CcTestData.h"
#include "ModelSignalLog.h"
#include "core/PresenceTimelineModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hb;
using namespace hb::cc;
using hb::cc::test::ModelSignalLog;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kDay = 24 * 3600 * 1000;
constexpr qint64 kDayStart = 1775347200000; // 2026-04-05T00:00:00Z
constexpr qint64 kHour = 3600 * 1000;

PresenceInterval interval(qint64 on, std::optional<qint64> off, const QString &reason = {})
{
    return PresenceInterval{u"m-1"_s, on, off, reason};
}

} // namespace

class TestPresenceTimelineModel : public QObject
{
    Q_OBJECT

private slots:
    void asksAndShows()
    {
        PresenceTimelineModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy asked(&model, &PresenceTimelineModel::historyRequested);
        model.setRange(u"m-1"_s, kDayStart, kDayStart + kDay);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked[0][0].toString(), u"m-1"_s);
        QCOMPARE(asked[0][1].toLongLong(), kDayStart);

        // Began the day before (clipped), a morning shift, and one still open.
        model.applyHistory(u"m-1"_s, kDayStart, kDayStart + kDay,
                           {interval(kDayStart - kHour, kDayStart + kHour, u"manual"_s),
                            interval(kDayStart + 6 * kHour, kDayStart + 12 * kHour, u"heartbeat_timeout"_s),
                            interval(kDayStart + 18 * kHour, std::nullopt)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data(PresenceTimelineModel::StartFractionRole).toDouble(), 0.0);
        QCOMPARE(model.index(0, 0).data(PresenceTimelineModel::EndFractionRole).toDouble(), 1.0 / 24);
        QCOMPARE(model.index(1, 0).data(PresenceTimelineModel::StartFractionRole).toDouble(), 0.25);
        QCOMPARE(model.index(1, 0).data(PresenceTimelineModel::EndFractionRole).toDouble(), 0.5);
        QCOMPARE(model.index(1, PresenceTimelineModel::ReasonColumn).data().toString(),
                 u"Connection lost"_s);
        QCOMPARE(model.index(1, PresenceTimelineModel::DurationColumn).data().toString(), u"6 h 00 min"_s);
        QVERIFY(model.index(2, 0).data(PresenceTimelineModel::IsOpenRole).toBool());
        QVERIFY(!model.index(2, 0).data(PresenceTimelineModel::OfflineAtRole).isValid());
        // That day is over (2026-04-05 is in the past for this test): open ends at the day's end.
        QCOMPARE(model.index(2, 0).data(PresenceTimelineModel::EndFractionRole).toDouble(), 1.0);
        QCOMPARE(model.onlineMsInRange(), kHour + 6 * kHour + 6 * kHour);

        // Asked again: the open interval closed, one more began. In place.
        ModelSignalLog log(&model);
        model.applyHistory(u"m-1"_s, kDayStart, kDayStart + kDay,
                           {interval(kDayStart - kHour, kDayStart + kHour, u"manual"_s),
                            interval(kDayStart + 6 * kHour, kDayStart + 12 * kHour, u"heartbeat_timeout"_s),
                            interval(kDayStart + 18 * kHour, kDayStart + 20 * kHour, u"forced"_s),
                            interval(kDayStart + 21 * kHour, std::nullopt)});
        QCOMPARE(log.resets, 0);
        QCOMPARE(log.changes, 1);
        QCOMPARE(log.inserts, 1);
        QCOMPARE(model.rowCount(), 4);

        // An answer for another day is not this one's.
        model.applyHistory(u"m-1"_s, kDayStart + kDay, kDayStart + 2 * kDay, {});
        QCOMPARE(model.rowCount(), 4);
        // Another mitra: cleared, asked again.
        model.setRange(u"m-2"_s, kDayStart, kDayStart + kDay);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(asked.size(), 2);
        model.applyHistory(u"m-1"_s, kDayStart, kDayStart + kDay, {interval(kDayStart, kDayStart + 1)});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPresenceTimelineModel)
#include "tst_cc_presence_timeline_model.moc"
