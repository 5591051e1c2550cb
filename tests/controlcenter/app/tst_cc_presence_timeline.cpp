// The painted presence timeline: bars where the intervals are, hit testing for tooltips and
// clicks, and the history view asking for the chosen mitra and day.
#include "UiTestData.h"
#include "app/history/PresenceTimeline.h"
#include "core/PresenceTimelineModel.h"

#include <QDateTime>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

using namespace hb::ui;
using Model = hb::cc::PresenceTimelineModel;

namespace {
constexpr qint64 kHour = 3600 * 1000;
} // namespace

class TestPresenceTimeline : public QObject
{
    Q_OBJECT

    Model model;
    PresenceTimeline timeline;
    qint64 from = 0;

    QPoint pointAt(double fraction) const
    {
        const QRect lane = timeline.laneRect();
        return {lane.left() + int(fraction * lane.width()), lane.center().y()};
    }

private slots:
    void init()
    {
        from = QDateTime(QDate(2026, 4, 5), QTime(0, 0)).toMSecsSinceEpoch();
        const qint64 to = from + 24 * kHour;
        // Online 06:00-09:00 (timed out), 12:00-18:00 (forced), and from 22:00, still online.
        QList<hb::PresenceInterval> intervals{
            {QStringLiteral("m-1"), from + 6 * kHour, from + 9 * kHour, QStringLiteral("heartbeat_timeout")},
            {QStringLiteral("m-1"), from + 12 * kHour, from + 18 * kHour, QStringLiteral("forced")},
            {QStringLiteral("m-1"), from + 22 * kHour, std::nullopt, QString()}};
        model.setRange(QStringLiteral("m-1"), from, to);
        model.applyHistory(QStringLiteral("m-1"), from, to, intervals);
        timeline.setModel(&model);
        timeline.setRange(from, to);
        timeline.resize(960, timeline.sizeHint().height());
    }

    void findsIntervalsUnderThePointer()
    {
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(timeline.rowAt(pointAt(7.5 / 24)), 0);
        QCOMPARE(timeline.rowAt(pointAt(15.0 / 24)), 1);
        QCOMPARE(timeline.rowAt(pointAt(10.5 / 24)), -1); // offline between them
        QCOMPARE(timeline.rowAt(pointAt(3.0 / 24)), -1);
        QCOMPARE(timeline.rowAt(QPoint(5, 2)), -1);
    }

    void paintsBarsWhereTheIntervalsAre()
    {
        QImage image(timeline.size(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        timeline.render(&image);
        const QColor online = image.pixelColor(pointAt(7.5 / 24));
        const QColor offline = image.pixelColor(pointAt(10.5 / 24));
        QVERIFY2(online.green() > online.red() + 40, qPrintable(online.name()));
        QVERIFY2(offline.green() < offline.red() + 20, qPrintable(offline.name()));
        // The end cap of the forced interval is red.
        const QColor cap = image.pixelColor(pointAt(18.0 / 24) - QPoint(2, 0));
        QVERIFY2(cap.red() > 180 && cap.green() < 100, qPrintable(cap.name()));
    }

    void clickSelects()
    {
        QSignalSpy clicked(&timeline, &PresenceTimeline::rowClicked);
        QTest::mouseClick(&timeline, Qt::LeftButton, {}, pointAt(15.0 / 24));
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked[0][0].toInt(), 1);
        QCOMPARE(timeline.selectedRow(), 1);
        QTest::mouseClick(&timeline, Qt::LeftButton, {}, pointAt(10.5 / 24));
        QCOMPARE(clicked.size(), 1);
    }
};

QTEST_MAIN(TestPresenceTimeline)
#include "tst_cc_presence_timeline.moc"
