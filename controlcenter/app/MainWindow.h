#pragma once

#include "app/ViewContext.h"
#include "core/ClientTypes.h"
#include "core/ControlClient.h"

#include <QList>
#include <QMainWindow>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QStackedWidget;
class QToolBar;

namespace hb::ui {

class AuditView;
class ConnectionBanner;
class DashboardView;
class MitrasView;
class NavigationList;
class PresenceHistoryView;
class RequestsView;
class SessionsView;
class ViewPage;

// The control center's window: the views down the left (Ctrl+1..6), the current one on the
// right, a banner across the top while the connection is down, and a status bar saying where
// and as whom staff are signed in. Menus follow desktop conventions (File, View, Actions,
// Help; F5 refresh, Ctrl+F filter, Ctrl+Q quit). Signing in and out is the application's job;
// the window reports what staff ask for.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum View { Dashboard, Mitras, Sessions, Requests, History, Audit, ViewCount };
    Q_ENUM(View)

    explicit MainWindow(const ViewContext &context, QWidget *parent = nullptr);

    void showView(int view);
    int currentView() const;
    ViewPage *view(int view) const;
    DashboardView *dashboardView() const { return m_dashboard; }
    MitrasView *mitrasView() const { return m_mitras; }
    SessionsView *sessionsView() const { return m_sessions; }
    RequestsView *requestsView() const { return m_requests; }
    PresenceHistoryView *historyView() const { return m_history; }
    AuditView *auditView() const { return m_audit; }
    ConnectionBanner *banner() const { return m_banner; }
    NavigationList *navigation() const { return m_navigation; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *quitAction() const { return m_quit; }
    QAction *signOutAction() const { return m_signOut; }
    QAction *viewAction(int view) const { return m_viewActions.value(view); }

    // Marks the chosen language in View > Language ("" = system default).
    void setLanguageChoice(const QString &choice);

    // Asks, then forces a mitra offline (supervisors). Public for the views and tests.
    void forceOffline(const QString &mitraId);
    void showHistory(const QString &mitraId);

    void saveLayout();
    void restoreLayout();
    // Whether closing the window should quit (false while signing out: the dialog follows).
    void setQuitOnClose(bool quit) { m_quitOnClose = quit; }

signals:
    void signOutRequested();
    void signInAgainRequested();
    void languageChosen(const QString &choice);
    // The force-offline confirmation is about to open (tests answer it).
    void forceOfflineDialogShown(QDialog *dialog);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createViews();
    void createActions();
    void createMenus();
    void createStatusBar();
    void retranslate();
    void onSignedIn(const hb::cc::StaffIdentity &identity);
    void onStateChanged(hb::cc::ControlClient::State state);
    void onDisconnected(const hb::cc::DisconnectInfo &info);
    void updateIdentity();
    void updateBadges();
    void updateActionsMenu();

    ViewContext m_context;
    QList<ViewPage *> m_views;
    DashboardView *m_dashboard = nullptr;
    MitrasView *m_mitras = nullptr;
    SessionsView *m_sessions = nullptr;
    RequestsView *m_requests = nullptr;
    PresenceHistoryView *m_history = nullptr;
    AuditView *m_audit = nullptr;
    NavigationList *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    ConnectionBanner *m_banner = nullptr;
    QToolBar *m_toolBar = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_actionsMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_signOut = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_find = nullptr;
    QAction *m_fullScreen = nullptr;
    QAction *m_defaultCapacity = nullptr;
    QAction *m_about = nullptr;
    QAction *m_aboutQt = nullptr;
    QList<QAction *> m_viewActions;
    QActionGroup *m_viewGroup = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QAction *m_languageSystem = nullptr;

    QLabel *m_connectionLabel = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_instanceLabel = nullptr;
    QLabel *m_userLabel = nullptr;
    bool m_quitOnClose = true;
    hb::cc::DisconnectInfo m_lastDisconnect;
};

} // namespace hb::ui
