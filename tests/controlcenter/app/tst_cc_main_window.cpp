// The main window as a whole: views switched from the keyboard, F5 and Ctrl+F reaching the
// current view, the status bar saying where and as whom staff are signed in, every supervisor
// action disabled for a viewer with the reason as tooltip, force offline behind a
// confirmation, the disconnected banner with automatic reconnect and refreshed views, the
// language switched live, and the layout remembered.
#include "UiHarness.h"
#include "app/ConnectionBanner.h"
#include "app/ForceOfflineDialog.h"
#include "app/LanguageManager.h"
#include "app/MessageBar.h"
#include "app/NavigationList.h"
#include "app/ViewPage.h"
#include "app/audit/AuditView.h"
#include "app/dashboard/DashboardView.h"
#include "app/dashboard/FigureTile.h"
#include "app/history/PresenceHistoryView.h"
#include "app/mitras/GlobalCapacityBox.h"
#include "app/mitras/MitrasView.h"
#include "app/requests/RequestsView.h"
#include "app/sessions/SessionsView.h"
#include "core/AuditLogModel.h"
#include "core/Durations.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>

using namespace hb::ui;
using namespace hb::ui::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<UiHarness> h;
    MainWindow *w() const { return h->window.get(); }

    QString statusText(const char *name) const
    {
        return w()->findChild<QLabel *>(QString::fromLatin1(name))->text();
    }

private slots:
    void initTestCase() { isolateSettings(); }

    void init()
    {
        h = std::make_unique<UiHarness>();
        QVERIFY(h->listen());
        w()->resize(1366, 768);
        w()->show();
        QVERIFY(QTest::qWaitForWindowExposed(w()));
    }

    void cleanup() { h.reset(); }

    void fitsTheSmallestScreen()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        // Every view fits 1366×768 with room to spare (a docked taskbar, a narrower window).
        for (int view = 0; view < MainWindow::ViewCount; ++view) {
            w()->showView(view);
            const QSize least = w()->minimumSizeHint();
            QVERIFY2(least.width() <= 1200 && least.height() <= 640,
                     qPrintable(QStringLiteral("view %1 needs %2×%3")
                                    .arg(view)
                                    .arg(least.width())
                                    .arg(least.height())));
        }
        QCOMPARE(w()->size(), QSize(1366, 768));
    }

    void dashboardShowsTheServersFigures()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        DashboardView *dashboard = w()->dashboardView();
        QCOMPARE(dashboard->activeChatsTile()->value(), QStringLiteral("7"));
        QCOMPARE(dashboard->onlineMitrasTile()->value(), QStringLiteral("3"));
        QCOMPARE(dashboard->pendingTile()->value(), QStringLiteral("2"));
        QCOMPARE(dashboard->maxTile()->value(), QStringLiteral("4"));
        QCOMPARE(dashboard->maxTile()->detail(), QStringLiteral("Budi"));
        QVERIFY(dashboard->onlineMitrasTile()->detail().contains(QStringLiteral("1")));
        // The online mitras' 6 sessions over the 3 of them (Rina is offline).
        QCOMPARE(dashboard->avgTile()->value(), QLocale().toString(2.0, 'f', 1));
    }

    void switchesViewsFromTheKeyboard()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        for (int view = MainWindow::ViewCount - 1; view >= 0; --view) {
            QTest::keySequence(w(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + view)));
            QCOMPARE(w()->currentView(), view);
            QCOMPARE(w()->navigation()->currentRow(), view);
        }
        // Ctrl+F puts the cursor in the current view's filter.
        QTest::keySequence(w(), QKeySequence(Qt::CTRL | Qt::Key_2));
        QTest::keySequence(w(), QKeySequence::Find);
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("mitraFilter"));
    }

    void f5RefreshesTheCurrentView()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        w()->showView(MainWindow::Requests);
        const int before = h->server.count(QStringLiteral("requests.list"));
        QTest::keyClick(w(), Qt::Key_F5);
        QTRY_VERIFY(h->server.count(QStringLiteral("requests.list")) > before);
    }

    void statusBarSaysWhereAndWho()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QVERIFY(statusText("serverStatus").contains(h->server.url().toString()));
        QCOMPARE(statusText("instanceStatus"), QStringLiteral("Instance: fake-1"));
        QCOMPARE(statusText("userStatus"), QStringLiteral("AYU (supervisor)"));
        QVERIFY(statusText("connectionStatus").contains(QStringLiteral("Connected")));
        QVERIFY(w()->windowTitle().contains(QStringLiteral("AYU")));
    }

    void viewerSeesSupervisorActionsDisabled()
    {
        HB_SIGN_IN(*h, QStringLiteral("vina"));
        QCOMPARE(statusText("userStatus"), QStringLiteral("VINA (viewer)"));
        w()->mitrasView()->selectMitra(QStringLiteral("m-1"));
        QList<QAction *> supervisorOnly{w()->mitrasView()->forceOfflineAction(),
                                        w()->mitrasView()->editCapacityAction(),
                                        w()->sessionsView()->rerouteAction()};
        for (QAction *action : std::as_const(supervisorOnly)) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
            QCOMPARE(action->toolTip(), ViewPage::viewerReason());
        }
        // The toolbar buttons are those actions: disabled, with the same reason.
        QToolBar *toolBar = w()->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
        QVERIFY(toolBar->actions().contains(w()->mitrasView()->forceOfflineAction()));
        QVERIFY(!w()->mitrasView()->globalCapacity()->spinBox()->isEnabled());
        QCOMPARE(w()->mitrasView()->globalCapacity()->toolTip(), ViewPage::viewerReason());

        // The same window signed in again as a supervisor enables them.
        h->client.disconnectFromServer();
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        w()->mitrasView()->selectMitra(QStringLiteral("m-1"));
        QVERIFY(w()->mitrasView()->forceOfflineAction()->isEnabled());
        QVERIFY(w()->mitrasView()->globalCapacity()->spinBox()->isEnabled());
    }

    void forceOfflineAsksFirst_data()
    {
        QTest::addColumn<bool>("confirm");
        QTest::addColumn<bool>("reroute");
        QTest::newRow("cancelled") << false << false;
        QTest::newRow("offline only") << true << false;
        QTest::newRow("with its sessions") << true << true;
    }

    void forceOfflineAsksFirst()
    {
        QFETCH(bool, confirm);
        QFETCH(bool, reroute);
        h->server.answers.insert(QStringLiteral("mitra.force_offline"), [](const QJsonObject &m) {
            const bool moved = m.value(QStringLiteral("reroute_sessions")).toBool();
            return std::optional<QJsonObject>(QJsonObject{
                {QStringLiteral("type"), QStringLiteral("mitra.forced_offline")},
                {QStringLiteral("mitra_id"), m.value(QStringLiteral("mitra_id"))},
                {QStringLiteral("was_online"), true},
                {QStringLiteral("rerouted"),
                 moved ? QJsonArray{QJsonObject{{QStringLiteral("session_id"), QStringLiteral("s-1")},
                                                {QStringLiteral("to_mitra_id"), QStringLiteral("m-2")}}}
                       : QJsonArray()},
                {QStringLiteral("kept"), moved ? QJsonArray{QStringLiteral("s-2")} : QJsonArray()}});
        });
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        w()->showView(MainWindow::Mitras);
        w()->mitrasView()->selectMitra(QStringLiteral("m-1"));
        // The dialog is modal: answer it from the event loop once it runs, record what it
        // offered, and check that after it closed.
        bool asked = false;
        bool enterWouldConfirm = true;
        QString offer;
        connect(w(), &MainWindow::forceOfflineDialogShown, this, [&](QDialog *dialog) {
            asked = true;
            auto *confirmation = qobject_cast<ForceOfflineDialog *>(dialog);
            QTimer::singleShot(0, confirmation, [&, confirmation] {
                enterWouldConfirm = confirmation->confirmButton()->isDefault();
                offer = confirmation->rerouteCheckBox()->text();
                confirmation->rerouteCheckBox()->setChecked(reroute);
                if (confirm)
                    QTest::mouseClick(confirmation->confirmButton(), Qt::LeftButton);
                else
                    confirmation->reject();
            });
        });
        w()->mitrasView()->forceOfflineAction()->trigger();
        QVERIFY(asked);
        QVERIFY(!enterWouldConfirm); // Enter alone must not take anyone offline
        QVERIFY2(offer.contains(QStringLiteral("2 sessions")), qPrintable(offer));
        if (!confirm) {
            const int before = h->server.count(QStringLiteral("sessions.list"));
            h->client.refreshLists();
            QTRY_VERIFY(h->server.count(QStringLiteral("sessions.list")) > before);
            QCOMPARE(h->server.count(QStringLiteral("mitra.force_offline")), 0);
            return;
        }
        QTRY_COMPARE(h->server.count(QStringLiteral("mitra.force_offline")), 1);
        const QJsonObject sent = h->server.ofType(QStringLiteral("mitra.force_offline")).constFirst();
        QCOMPARE(sent.value(QStringLiteral("mitra_id")).toString(), QStringLiteral("m-1"));
        QCOMPARE(sent.value(QStringLiteral("reroute_sessions")).toBool(), reroute);
        MessageBar *bar = w()->mitrasView()->messageBar();
        QTRY_VERIFY(bar->text().contains(QStringLiteral("Sari is now offline")));
        if (reroute) {
            QVERIFY(bar->text().contains(QStringLiteral("1 session moved")));
            QVERIFY(bar->text().contains(QStringLiteral("1 session stayed")));
            QCOMPARE(bar->kind(), MessageBar::Kind::Warning);
        }
    }

    void bannerWhileDisconnectedThenViewsRefreshed()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        ConnectionBanner *banner = w()->banner();
        QVERIFY(banner->isHidden());
        const int subscriptions = h->server.count(QStringLiteral("stats.subscribe"));
        const int lists = h->server.count(QStringLiteral("sessions.list"));
        const quint16 port = h->server.port();

        h->server.stop(); // the network goes away: no close frame, nobody listening
        QTRY_COMPARE(banner->mode(), ConnectionBanner::Mode::Reconnecting);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("lost")));
        QVERIFY(statusText("connectionStatus").contains(QStringLiteral("Reconnecting")));
        QVERIFY(!w()->mitrasView()->forceOfflineAction()->isEnabled());
        // The last figures stay on screen under the banner.
        QCOMPARE(w()->dashboardView()->activeChatsTile()->value(), QStringLiteral("7"));

        // The server comes back on the same address; the client reconnects by itself.
        h->server.statsBody = wireStats(sampleMitras(), 0);
        h->server.requestsList = QJsonArray();
        QVERIFY(h->server.listen(port));
        QTRY_COMPARE_WITH_TIMEOUT(banner->mode(), ConnectionBanner::Mode::Restored, 10000);
        QTRY_VERIFY(h->server.count(QStringLiteral("stats.subscribe")) > subscriptions);
        QTRY_VERIFY(h->server.count(QStringLiteral("sessions.list")) > lists);
        // Refreshed: the requests that are gone are gone from the view.
        QTRY_COMPARE(h->models.requests()->rowCount(), 0);
        QTRY_COMPARE(w()->dashboardView()->pendingTile()->value(), QStringLiteral("0"));
        QTRY_VERIFY(banner->isHidden());
    }

    void reconnectNowFromTheBanner()
    {
        hb::cc::ControlClient::Options o = fastClientOptions();
        o.reconnectInitialMs = 60000; // only the button brings it back within the test
        o.reconnectMaxMs = 60000;
        h->client.setOptions(o);
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        ConnectionBanner *banner = w()->banner();
        auto *button = banner->findChild<QPushButton *>(QStringLiteral("bannerButton"));
        const quint16 port = h->server.port();
        h->server.stop();
        QTRY_COMPARE(banner->mode(), ConnectionBanner::Mode::Reconnecting);
        QVERIFY(banner->text().contains(QStringLiteral("Reconnecting in")));
        QVERIFY(button->isVisible());
        QCOMPARE(button->text(), QStringLiteral("Reconnect &now"));

        QVERIFY(h->server.listen(port));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(banner->mode(), ConnectionBanner::Mode::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(banner->mode(), ConnectionBanner::Mode::Restored, 5000);
        // The session went on: nothing was cleared and nobody had to sign in again.
        QCOMPARE(h->models.mitras()->rowCount(), 4);
        QVERIFY(h->models.history()->rowCount() >= 1);
        QCOMPARE(h->server.count(QStringLiteral("login")), 1);
        QVERIFY(button->isHidden());
    }

    void failedHistoryAndAuditSayWhy()
    {
        h->server.answers.insert(QStringLiteral("audit.list"), [](const QJsonObject &) {
            return std::optional<QJsonObject>(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                            {QStringLiteral("code"), QStringLiteral("unavailable")},
                            {QStringLiteral("message"), QStringLiteral("audit store is down")}});
        });
        h->server.answers.insert(QStringLiteral("presence.history"), [](const QJsonObject &) {
            return std::optional<QJsonObject>(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                            {QStringLiteral("code"), QStringLiteral("not_found")},
                            {QStringLiteral("message"), QStringLiteral("unknown mitra m-typo")}});
        });
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        // The audit log's first page is asked for at sign-in.
        MessageBar *auditBar = w()->auditView()->messageBar();
        QTRY_VERIFY(auditBar->text().contains(QStringLiteral("Could not load the audit log")));
        QVERIFY(auditBar->text().contains(QStringLiteral("audit store is down")));
        QCOMPARE(auditBar->kind(), MessageBar::Kind::Error);

        w()->showHistory(QStringLiteral("m-typo"));
        MessageBar *historyBar = w()->historyView()->messageBar();
        QTRY_VERIFY(historyBar->text().contains(QStringLiteral("Could not load the presence history of m-typo")));
        QVERIFY(historyBar->text().contains(QStringLiteral("unknown mitra m-typo")));
        auto *summary = w()->historyView()->findChild<QLabel *>(QStringLiteral("historySummary"));
        QCOMPARE(summary->text(), QStringLiteral("The history of this day could not be loaded."));

        // Asked again and answered: the summary no longer says it failed.
        h->server.answers.insert(QStringLiteral("presence.history"), [](const QJsonObject &m) {
            return std::optional<QJsonObject>(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("presence.history")},
                            {QStringLiteral("mitra_id"), m.value(QStringLiteral("mitra_id"))},
                            {QStringLiteral("intervals"), QJsonArray()}});
        });
        w()->historyView()->refresh();
        QTRY_VERIFY(summary->text().startsWith(QStringLiteral("Not online")));
    }

    void auditNamesTheMitraAndTheDefault()
    {
        const auto entry = [](int id, const QJsonValue &target) {
            return QJsonObject{{QStringLiteral("id"), id},
                               {QStringLiteral("at"), QStringLiteral("2026-04-05T15:20:00.000Z")},
                               {QStringLiteral("actor"), QJsonObject{{QStringLiteral("id"), QStringLiteral("staff_1")},
                                                                     {QStringLiteral("name"), QStringLiteral("Ayu")}}},
                               {QStringLiteral("action"), QStringLiteral("capacity_set")},
                               {QStringLiteral("target"), target},
                               {QStringLiteral("before"), QJsonObject{{QStringLiteral("max_customers"), 3}}},
                               {QStringLiteral("after"), QJsonObject{{QStringLiteral("max_customers"), 4}}},
                               {QStringLiteral("address"), QStringLiteral("127.0.0.1")}};
        };
        const QJsonArray entries{entry(3, QStringLiteral("m-1")), entry(2, QJsonValue(QJsonValue::Null)),
                                 entry(1, QStringLiteral("m-gone"))};
        h->server.answers.insert(QStringLiteral("audit.list"), [entries](const QJsonObject &) {
            return std::optional<QJsonObject>(QJsonObject{{QStringLiteral("type"), QStringLiteral("audit")},
                                                          {QStringLiteral("more"), false},
                                                          {QStringLiteral("entries"), entries}});
        });
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QAbstractItemModel *shown = w()->auditView()->table()->model();
        QTRY_COMPARE(shown->rowCount(), 3);
        const auto target = [shown](int row) {
            return shown->index(row, hb::cc::AuditLogModel::TargetColumn).data().toString();
        };
        QCOMPARE(target(0), QStringLiteral("Sari (m-1)"));
        QCOMPARE(target(1), QStringLiteral("Default capacity"));
        QCOMPARE(target(2), QStringLiteral("m-gone")); // not listed (offline): the id
    }

    void historyKeepsTheChosenMitraWhileTheListChanges()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        auto *chooser = w()->historyView()->findChild<QComboBox *>(QStringLiteral("historyMitra"));
        // Nothing chosen yet, even though the list filled.
        QCOMPARE(chooser->currentIndex(), -1);
        QVERIFY(chooser->currentText().isEmpty());
        w()->showHistory(QStringLiteral("m-1"));
        QCOMPARE(w()->currentView(), int(MainWindow::History));
        QTRY_COMPARE(h->server.count(QStringLiteral("presence.history")), 1);
        const QJsonObject asked = h->server.ofType(QStringLiteral("presence.history")).constFirst();
        QCOMPARE(asked.value(QStringLiteral("mitra_id")).toString(), QStringLiteral("m-1"));
        // The list changes underneath (a new first mitra, everyone's load): still Sari.
        QJsonArray mitras;
        for (const auto &value : sampleMitras()) {
            QJsonObject m = value.toObject();
            m.insert(QStringLiteral("active_sessions"), m.value(QStringLiteral("active_sessions")).toInt() + 1);
            mitras.append(m);
        }
        mitras.prepend(wireMitra(QStringLiteral("m-0"), QStringLiteral("Ayu"), true, 0, 3, false, kServerNow));
        QJsonObject stats = wireStats(mitras, 2);
        stats.insert(QStringLiteral("type"), QStringLiteral("stats"));
        h->server.push(stats);
        QTRY_COMPARE(h->models.mitras()->rowCount(), 5);
        QCOMPARE(w()->historyView()->mitraId(), QStringLiteral("m-1"));
        QCOMPARE(chooser->currentText(), QStringLiteral("Sari"));
        // A mitra that is not listed (offline now) can be typed as an id.
        w()->showHistory(QStringLiteral("m-gone"));
        QCOMPARE(w()->historyView()->mitraId(), QStringLiteral("m-gone"));
        QTRY_COMPARE(h->server.ofType(QStringLiteral("presence.history")).constLast().value(QStringLiteral("mitra_id")).toString(),
                     QStringLiteral("m-gone"));
    }

    void replacedConnectionAsksToSignInAgain()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QSignalSpy again(w(), &MainWindow::signInAgainRequested);
        h->server.closeAll(4002, QStringLiteral("replaced by a newer connection of the same user"));
        QTRY_COMPARE(w()->banner()->mode(), ConnectionBanner::Mode::Lost);
        QVERIFY(w()->banner()->text().contains(QStringLiteral("another screen")));
        auto *button = w()->banner()->findChild<QPushButton *>(QStringLiteral("bannerButton"));
        QVERIFY(button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(again.size(), 1);
    }

    void switchesLanguageLive()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        LanguageManager languages;
        languages.apply(QStringLiteral("id"));
        // Qt posts the change to every window; each view retranslates itself.
        QTRY_COMPARE(w()->menuBar()->actions().constFirst()->text(), QStringLiteral("&Berkas"));
        QCOMPARE(w()->navigation()->item(MainWindow::Requests)->text(),
                 QStringLiteral("Permintaan tertunda"));
        QCOMPARE(w()->dashboardView()->activeChatsTile()->caption(), QStringLiteral("Obrolan aktif"));
        QCOMPARE(statusText("userStatus"), QStringLiteral("AYU (supervisor)"));
        QCOMPARE(w()->mitrasView()->title(), QStringLiteral("Mitra"));
        QCOMPARE(w()->sessionsView()->tree()->model()->headerData(0, Qt::Horizontal).toString(),
                 QStringLiteral("Mitra / pelanggan"));
        // The ages the core's models format are translated too (context hb::cc::Durations).
        QCOMPARE(hb::cc::formatDuration(45 * 1000), QStringLiteral("45 dtk"));
        QCOMPARE(hb::cc::formatDuration(125 * 60 * 1000), QStringLiteral("2 j 05 mnt"));
        const QModelIndex age = h->models.sessionBoard()->sessionIndex(QStringLiteral("s-1"))
                                    .siblingAtColumn(hb::cc::SessionBoardModel::AgeColumn);
        QVERIFY2(age.data().toString().endsWith(QStringLiteral(" mnt")), qPrintable(age.data().toString()));
        languages.apply(QStringLiteral("en"));
        QTRY_COMPARE(w()->menuBar()->actions().constFirst()->text(), QStringLiteral("&File"));
        QCOMPARE(w()->dashboardView()->activeChatsTile()->caption(), QStringLiteral("Active chats"));
    }

    void remembersItsLayout()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        w()->showView(MainWindow::Audit);
        w()->resize(1280, 700);
        w()->saveLayout();
        h.reset();

        h = std::make_unique<UiHarness>();
        w()->restoreLayout();
        QCOMPARE(w()->currentView(), int(MainWindow::Audit));
        QCOMPARE(w()->size(), QSize(1280, 700));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_cc_main_window.moc"
