// The dashboard's last hour: samples from pushes (at most one per interval) and between them,
// derived figures, a window that drops old rows from the top, bounded memory.
#include "CcTestData.h"
#include "ModelSignalLog.h"
#include "core/DashboardHistory.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace hb;
using namespace hb::cc;
using namespace hb::cc::test;
using namespace Qt::StringLiterals;

class TestDashboardHistory : public QObject
{
    Q_OBJECT

private slots:
    void figures()
    {
        // Two online mitras carry 3 and 1, an offline one still finishes 4.
        const auto s = DashboardHistory::Sample::from(
            stats({mitra(u"m-1"_s, 3), mitra(u"m-2"_s, 1), mitra(u"m-3"_s, 4, 3, false)}), 1000);
        QCOMPARE(s.activeChats, 8);
        QCOMPARE(s.onlineMitras, 2);
        QCOMPARE(s.avgCustomersPerMitra, 2.0);
        QCOMPARE(s.maxCustomersPerMitra, 4);
        QCOMPARE(DashboardHistory::Sample::from(stats({}), 0).avgCustomersPerMitra, 0.0);
    }

    void samplesAndWindow()
    {
        DashboardHistory history;
        QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::Fatal);
        history.setAutoSample(false);
        history.setSampleIntervalMs(5000);
        history.setWindowMs(60 * 1000);
        ModelSignalLog log(&history);

        history.sample(1000); // nothing seen yet: nothing to draw
        QCOMPARE(history.rowCount(), 0);
        const qint64 t0 = 1'000'000;
        history.addStats(stats({mitra(u"m-1"_s, 1)}), t0);
        QCOMPARE(history.rowCount(), 1);
        // A burst of pushes within the interval: one sample; the latest figures wait for the next.
        history.addStats(stats({mitra(u"m-1"_s, 2)}), t0 + 100);
        history.addStats(stats({mitra(u"m-1"_s, 3)}), t0 + 200);
        QCOMPARE(history.rowCount(), 1);
        history.sample(t0 + 5000);
        QCOMPARE(history.rowCount(), 2);
        QCOMPARE(history.latest()->activeChats, 3);
        QCOMPARE(history.index(1, DashboardHistory::TimeColumn).data().toDouble(), double(t0 + 5000));
        QCOMPARE(history.index(1, DashboardHistory::ActiveChatsColumn).data().toInt(), 3);
        QCOMPARE(history.maxOf(DashboardHistory::ActiveChatsColumn), 3.0);
        // Time must move forward.
        history.sample(t0 + 5000);
        QCOMPARE(history.rowCount(), 2);

        // Two minutes of quiet sampling in a one-minute window: bounded, oldest dropped from the top.
        for (qint64 t = t0 + 10000; t <= t0 + 130000; t += 5000)
            history.sample(t);
        QCOMPARE(history.rowCount(), 13); // 60 s / 5 s + 1
        QCOMPARE(history.sampleAt(0).atMs, t0 + 70000);
        QCOMPARE(log.resets, 0);

        // Disconnected: no figures, no samples (a gap), until stats come again.
        history.setPaused(true);
        history.sample(t0 + 135000);
        QCOMPARE(history.rowCount(), 13);
        history.setPaused(false);
        history.sample(t0 + 140000);
        QCOMPARE(history.rowCount(), 13);
        history.addStats(stats({}), t0 + 141000);
        QCOMPARE(history.latest()->activeChats, 0);
        history.clear();
        QCOMPARE(history.rowCount(), 0);
    }

    void anHourAtDefaultsStaysBounded()
    {
        DashboardHistory history;
        history.setAutoSample(false);
        history.addStats(stats({mitra(u"m-1"_s, 1)}), 0);
        for (qint64 t = 5000; t <= 3 * 3600 * 1000; t += 5000)
            history.sample(t);
        QCOMPARE(history.rowCount(), 721);
    }
};

QTEST_GUILESS_MAIN(TestDashboardHistory)
#include "tst_cc_dashboard_history.moc"
