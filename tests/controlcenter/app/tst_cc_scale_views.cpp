// 2,000 mitras and 5,000 sessions through the real views (offscreen): prints how long the
// first fill and a typical update take, and checks the views still show everything and that
// updates arrive as in-place changes (no model resets). Figures only: nothing fails on a time.
#include "UiTestData.h"
#include "app/AppSettings.h"
#include "app/MainWindow.h"
#include "app/dashboard/DashboardView.h"
#include "app/dashboard/HistoryChart.h"
#include "app/mitras/MitraFilterProxy.h"
#include "app/mitras/MitrasView.h"
#include "app/sessions/SessionBoardProxy.h"
#include "app/sessions/SessionsView.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"
#include "protocol/ServerMessageParser.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QValueAxis>

using namespace hb::ui;
using namespace hb::ui::test;

namespace {
constexpr int kMitras = 2000;
constexpr int kSessions = 5000;

template <class T> T decode(const QJsonObject &object)
{
    const auto result = hb::parseServerMessage(object);
    return *result.message->getIf<T>();
}

QJsonObject typed(QJsonObject object, const QString &type)
{
    object.insert(QStringLiteral("type"), type);
    return object;
}

// Mitra i carries sessions i, i + 2000, i + 4000 (so 2 or 3 each); `shift` moves some.
QJsonObject world(int shift, QJsonArray *sessions)
{
    QJsonArray mitras;
    QList<int> load(kMitras, 0);
    for (int s = 0; s < kSessions; ++s)
        ++load[(s + (s % 7 == 0 ? shift : 0)) % kMitras];
    for (int i = 0; i < kMitras; ++i)
        mitras.append(wireMitra(QStringLiteral("m-%1").arg(i, 4, 10, QLatin1Char('0')),
                                QStringLiteral("Mitra %1").arg(i), i % 10 != 0, load[i], 3,
                                i % 5 == 0, kServerNow - i * 1000));
    for (int s = 0; s < kSessions; ++s) {
        const int m = (s + (s % 7 == 0 ? shift : 0)) % kMitras;
        sessions->append(wireSession(QStringLiteral("s-%1").arg(s), QStringLiteral("Customer %1").arg(s),
                                     QStringLiteral("m-%1").arg(m, 4, 10, QLatin1Char('0')),
                                     QStringLiteral("Mitra %1").arg(m), s % 3 != 0,
                                     kServerNow - s * 500));
    }
    return typed(wireStats(mitras, 12), QStringLiteral("stats"));
}
} // namespace

class TestScaleViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("HaloBestieTest"));
    }

    void twoThousandMitrasFiveThousandSessions()
    {
        hb::cc::ControlClient client;
        hb::cc::LiveModels models(&client);
        models.setAgeTickMs(0);
        AppSettings settings;
        MainWindow window(ViewContext{&client, &models, &settings});
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        models.mitras()->setEditable(true);
        models.sessionBoard()->setDragEnabled(true);

        QJsonArray sessions;
        const auto stats = decode<hb::StatsSnapshot>(world(0, &sessions));
        const auto list = decode<hb::servermsg::Sessions>(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("sessions")}, {QStringLiteral("sessions"), sessions}});

        QElapsedTimer timer;
        timer.start();
        emit client.statsReceived(stats);
        emit client.sessionsReceived(list.sessions);
        window.showView(MainWindow::Sessions);
        QApplication::processEvents();
        const qint64 firstFill = timer.elapsed();
        QCOMPARE(models.mitras()->rowCount(), kMitras);
        QCOMPARE(models.sessionBoard()->sessionCount(), kSessions);
        QCOMPARE(window.sessionsView()->proxy()->rowCount(), kMitras);
        // The chart's axis follows the large figures with five round steps (not one tick per
        // unit: that once cost seconds).
        const QValueAxis *counts = window.dashboardView()->historyChart()->countsAxis();
        QVERIFY(counts->max() >= kSessions);
        QCOMPARE(counts->tickInterval(), counts->max() / 5);

        // Typical live update: a tenth of the sessions change mitra, loads change accordingly.
        QJsonArray moved;
        const auto stats2 = decode<hb::StatsSnapshot>(world(1, &moved));
        const auto list2 = decode<hb::servermsg::Sessions>(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("sessions")}, {QStringLiteral("sessions"), moved}});
        QSignalSpy boardResets(models.sessionBoard(), &QAbstractItemModel::modelReset);
        QSignalSpy mitraResets(models.mitras(), &QAbstractItemModel::modelReset);
        timer.restart();
        emit client.statsReceived(stats2);
        emit client.sessionsReceived(list2.sessions);
        QApplication::processEvents();
        const qint64 update = timer.elapsed();
        QCOMPARE(boardResets.size(), 0);
        QCOMPARE(mitraResets.size(), 0);
        QCOMPARE(models.sessionBoard()->sessionCount(), kSessions);

        // Sorting and filtering the mitra table.
        window.showView(MainWindow::Mitras);
        timer.restart();
        window.mitrasView()->table()->sortByColumn(hb::cc::MitraTableModel::ActiveSessionsColumn,
                                                   Qt::DescendingOrder);
        QApplication::processEvents();
        const qint64 sort = timer.elapsed();
        timer.restart();
        window.mitrasView()->proxy()->setText(QStringLiteral("Mitra 19"));
        QApplication::processEvents();
        const qint64 filter = timer.elapsed();
        int expected = 0; // "Mitra" is in every name; "19" in the name or the id (m-0019)
        for (int i = 0; i < kMitras; ++i)
            expected += (QString::number(i).contains(QLatin1String("19"))
                         || QStringLiteral("%1").arg(i, 4, 10, QLatin1Char('0')).contains(QLatin1String("19")))
                            ? 1
                            : 0;
        QCOMPARE(window.mitrasView()->proxy()->rowCount(), expected);

        // A repaint of each busy view.
        timer.restart();
        for (int view : {int(MainWindow::Dashboard), int(MainWindow::Sessions), int(MainWindow::Mitras)}) {
            window.showView(view);
            window.grab();
        }
        const qint64 paint = timer.elapsed();

        qInfo("scale: %d mitras, %d sessions: first fill %lld ms, update (1/7 of sessions moved) "
              "%lld ms, sort %lld ms, filter %lld ms, paint 3 views %lld ms",
              kMitras, kSessions, firstFill, update, sort, filter, paint);
    }
};

QTEST_MAIN(TestScaleViews)
#include "tst_cc_scale_views.moc"
