#include "app/MainWindow.h"

#include "app/AboutDialog.h"
#include "app/AppSettings.h"
#include "app/ConnectionBanner.h"
#include "app/Failures.h"
#include "app/ForceOfflineDialog.h"
#include "app/Format.h"
#include "app/Icons.h"
#include "app/LanguageManager.h"
#include "app/MessageBar.h"
#include "app/NavigationList.h"
#include "app/audit/AuditView.h"
#include "app/dashboard/DashboardView.h"
#include "app/history/PresenceHistoryView.h"
#include "app/mitras/GlobalCapacityBox.h"
#include "app/mitras/MitrasView.h"
#include "app/requests/RequestsView.h"
#include "app/sessions/SessionsView.h"
#include "core/LiveModels.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QScreen>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace hb::ui {

using hb::cc::ControlClient;

MainWindow::MainWindow(const ViewContext &context, QWidget *parent)
    : QMainWindow(parent), m_context(context)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(icons::app());
    createViews();
    createActions();
    createMenus();
    createStatusBar();

    m_banner = new ConnectionBanner(this);
    m_navigation = new NavigationList(this);
    for (ViewPage *page : std::as_const(m_views)) {
        auto *item = new QListWidgetItem(page->icon(), page->title(), m_navigation);
        item->setToolTip(page->title());
    }
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::showView);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(10, 8, 10, 6);
    contentLayout->addWidget(m_stack);
    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(m_navigation);
    auto *divider = new QFrame(this);
    divider->setFrameShape(QFrame::VLine);
    divider->setFrameShadow(QFrame::Sunken);
    body->addWidget(divider);
    body->addWidget(content, 1);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addLayout(body, 1);
    setCentralWidget(central);

    connect(m_banner, &ConnectionBanner::signInRequested, this, &MainWindow::signInAgainRequested);
    connect(m_banner, &ConnectionBanner::reconnectNowRequested, this, [this] {
        // The client keeps the session and the models, as when it reconnects by itself.
        if (m_context.client->reconnectNow())
            m_banner->showConnecting();
    });

    ControlClient *client = m_context.client;
    connect(client, &ControlClient::signedIn, this, &MainWindow::onSignedIn);
    connect(client, &ControlClient::stateChanged, this, &MainWindow::onStateChanged);
    connect(client, &ControlClient::disconnected, this, &MainWindow::onDisconnected);
    connect(client, &ControlClient::reconnecting, this,
            [this](int attempt, int delayMs) {
                m_banner->showReconnecting(m_lastDisconnect, attempt, delayMs);
            });
    connect(client, &ControlClient::reconnected, this, [this] {
        m_banner->showRestored();
        // Lists and stats come again by themselves; what views asked for, they ask again.
        m_history->refresh();
        updateIdentity();
    });
    connect(client, &ControlClient::statsReceived, this, &MainWindow::updateBadges);
    connect(m_context.models->requests(), &QAbstractItemModel::rowsInserted, this,
            &MainWindow::updateBadges);
    connect(m_context.models->requests(), &QAbstractItemModel::rowsRemoved, this,
            &MainWindow::updateBadges);

    retranslate();
    onStateChanged(client->state());
    showView(Dashboard);
}

void MainWindow::createViews()
{
    m_stack = new QStackedWidget(this);
    m_dashboard = new DashboardView(m_context, m_stack);
    m_mitras = new MitrasView(m_context, m_stack);
    m_sessions = new SessionsView(m_context, m_stack);
    m_requests = new RequestsView(m_context, m_stack);
    m_history = new PresenceHistoryView(m_context, m_stack);
    m_audit = new AuditView(m_context, m_stack);
    m_views = {m_dashboard, m_mitras, m_sessions, m_requests, m_history, m_audit};
    for (ViewPage *page : std::as_const(m_views)) {
        m_stack->addWidget(page);
        connect(page, &ViewPage::titleChanged, this, [this, page] {
            const int row = int(m_views.indexOf(page));
            if (QListWidgetItem *item = m_navigation ? m_navigation->item(row) : nullptr)
                item->setText(page->title());
            if (row >= 0 && row < m_viewActions.size())
                m_viewActions.at(row)->setText(page->title());
        });
    }
    connect(m_mitras, &MitrasView::forceOfflineRequested, this, &MainWindow::forceOffline);
    connect(m_sessions, &SessionsView::forceOfflineRequested, this, &MainWindow::forceOffline);
    connect(m_mitras, &MitrasView::historyRequested, this, &MainWindow::showHistory);
    connect(m_sessions, &SessionsView::historyRequested, this, &MainWindow::showHistory);
}

void MainWindow::createActions()
{
    m_signOut = new QAction(icons::get(QStringLiteral("action-sign-out")), QString(), this);
    connect(m_signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    m_quit = new QAction(icons::get(QStringLiteral("action-quit")), QString(), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, [this] {
        m_quitOnClose = true;
        close();
    });

    m_viewGroup = new QActionGroup(this);
    for (int i = 0; i < ViewCount; ++i) {
        auto *action = new QAction(m_views.at(i)->icon(), m_views.at(i)->title(), this);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setData(i);
        m_viewGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, i] { showView(i); });
        m_viewActions.append(action);
    }
    m_refresh = new QAction(icons::get(QStringLiteral("action-refresh")), QString(), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, this, [this] {
        if (ViewPage *page = view(currentView()))
            page->refresh();
        statusBar()->showMessage(tr("Refreshed."), 2000);
    });
    m_find = new QAction(icons::get(QStringLiteral("action-filter")), QString(), this);
    m_find->setShortcut(QKeySequence::Find);
    connect(m_find, &QAction::triggered, this, [this] {
        if (ViewPage *page = view(currentView()); page && !page->focusFilter())
            statusBar()->showMessage(tr("This view has no filter."), 2000);
    });
    m_fullScreen = new QAction(QString(), this);
    m_fullScreen->setShortcut(QKeySequence::FullScreen);
    m_fullScreen->setCheckable(true);
    connect(m_fullScreen, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen
                          : windowState() & ~Qt::WindowFullScreen);
    });
    m_defaultCapacity = new QAction(icons::get(QStringLiteral("action-capacity")), QString(), this);
    connect(m_defaultCapacity, &QAction::triggered, this, [this] {
        showView(Mitras);
        m_mitras->globalCapacity()->spinBox()->setFocus();
        m_mitras->globalCapacity()->spinBox()->selectAll();
    });
    m_about = new QAction(icons::get(QStringLiteral("action-about")), QString(), this);
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, [this] {
        AboutDialog dialog(m_context.client->serverUrl().toString(),
                           m_context.client->serverInstance(), this);
        dialog.exec();
    });
    m_aboutQt = new QAction(QString(), this);
    m_aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_signOut);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions(m_viewActions);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_refresh);
    m_viewMenu->addAction(m_find);
    m_viewMenu->addSeparator();
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setIconSize(QSize(20, 20));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_refresh);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_mitras->forceOfflineAction());
    m_toolBar->addAction(m_sessions->rerouteAction());
    m_toolBar->addAction(m_defaultCapacity);
    m_viewMenu->addAction(m_toolBar->toggleViewAction());
    m_viewMenu->addAction(m_fullScreen);
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(icons::get(QStringLiteral("action-language")), QString());
    m_languageGroup = new QActionGroup(this);
    m_languageSystem = m_languageMenu->addAction(QString());
    m_languageSystem->setData(QString());
    m_languageMenu->addSeparator();
    QList<QAction *> languages{m_languageSystem};
    for (const auto &language : LanguageManager::available()) {
        QAction *action = m_languageMenu->addAction(language.nativeName);
        action->setData(language.code);
        languages.append(action);
    }
    for (QAction *action : std::as_const(languages)) {
        action->setCheckable(true);
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, action] { emit languageChosen(action->data().toString()); });
    }

    m_actionsMenu = menuBar()->addMenu(QString());
    m_actionsMenu->setToolTipsVisible(true); // a viewer sees why an action is disabled
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_about);
    m_helpMenu->addAction(m_aboutQt);
}

void MainWindow::createStatusBar()
{
    m_connectionLabel = new QLabel(this);
    m_serverLabel = new QLabel(this);
    m_instanceLabel = new QLabel(this);
    m_userLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionStatus"));
    m_userLabel->setObjectName(QStringLiteral("userStatus"));
    m_serverLabel->setObjectName(QStringLiteral("serverStatus"));
    m_instanceLabel->setObjectName(QStringLiteral("instanceStatus"));
    for (QLabel *label : {m_serverLabel, m_instanceLabel, m_userLabel, m_connectionLabel}) {
        label->setContentsMargins(6, 0, 6, 0);
        statusBar()->addPermanentWidget(label);
    }
}

void MainWindow::showView(int index)
{
    if (index < 0 || index >= m_views.size())
        return;
    if (m_stack->currentIndex() != index)
        m_stack->setCurrentIndex(index);
    if (m_navigation->currentRow() != index) {
        const QSignalBlocker block(m_navigation);
        m_navigation->setCurrentRow(index);
    }
    m_viewActions.at(index)->setChecked(true);
    updateActionsMenu();
}

int MainWindow::currentView() const
{
    return m_stack->currentIndex();
}

ViewPage *MainWindow::view(int index) const
{
    return m_views.value(index);
}

void MainWindow::updateActionsMenu()
{
    // Only the current view's actions: their shortcuts and targets (the selected row) belong
    // to what staff are looking at.
    m_actionsMenu->clear();
    QList<QAction *> actions;
    if (currentView() == Mitras)
        actions = m_mitras->actions();
    else if (currentView() == Sessions)
        actions = m_sessions->actions();
    m_actionsMenu->addActions(actions);
    if (!actions.isEmpty())
        m_actionsMenu->addSeparator();
    m_actionsMenu->addAction(m_defaultCapacity);
}

void MainWindow::setLanguageChoice(const QString &choice)
{
    for (QAction *action : m_languageGroup->actions())
        action->setChecked(action->data().toString() == choice);
}

void MainWindow::showHistory(const QString &mitraId)
{
    showView(History);
    m_history->showMitra(mitraId);
}

void MainWindow::forceOffline(const QString &mitraId)
{
    const auto mitra = m_context.models->mitras()->mitra(mitraId);
    const QString name = mitra ? mitra->name : mitraId;
    ForceOfflineDialog dialog(name, mitra && mitra->status == hb::PresenceStatus::Online,
                              mitra ? mitra->activeSessions : 0, this);
    emit forceOfflineDialogShown(&dialog);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ViewPage *page = view(currentView());
    MessageBar *bar = page->messageBar();
    auto *request = m_context.client->forceOffline(mitraId, dialog.rerouteSessions());
    if (bar)
        bar->showMessage(MessageBar::Kind::Info, tr("Taking %1 offline…").arg(name));
    connect(request, &hb::cc::PendingRequest::succeeded, this,
            [bar, name](const QJsonObject &reply) {
                const int moved = int(reply.value(QStringLiteral("rerouted")).toArray().size());
                const int kept = int(reply.value(QStringLiteral("kept")).toArray().size());
                QString text = reply.value(QStringLiteral("was_online")).toBool()
                                   ? tr("%1 is now offline.").arg(name)
                                   : tr("%1 was already offline.").arg(name);
                if (moved > 0)
                    text += QLatin1Char(' ') + tr("%1 moved to other mitras.").arg(Format::sessions(moved));
                if (kept > 0)
                    text += QLatin1Char(' ')
                            + tr("%1 stayed: no other mitra had room.").arg(Format::sessions(kept));
                if (bar)
                    bar->showMessage(kept > 0 ? MessageBar::Kind::Warning : MessageBar::Kind::Positive,
                                     text);
            });
    connect(request, &hb::cc::PendingRequest::failed, this,
            [bar, name](const hb::cc::RequestFailure &failure) {
                if (bar)
                    bar->showMessage(MessageBar::Kind::Error,
                                     tr("Could not take %1 offline: %2")
                                         .arg(name, Failures::describe(failure)));
            });
}

void MainWindow::onSignedIn(const hb::cc::StaffIdentity &)
{
    m_banner->hideBanner();
    updateIdentity();
}

void MainWindow::onStateChanged(ControlClient::State state)
{
    const bool connected = state == ControlClient::State::Connected;
    for (ViewPage *page : std::as_const(m_views))
        page->setConnected(connected);
    switch (state) {
    case ControlClient::State::Connected:
        m_connectionLabel->setPixmap(QPixmap());
        m_connectionLabel->setText(tr("● Connected"));
        m_connectionLabel->setStyleSheet(QStringLiteral("color:#15803d"));
        break;
    case ControlClient::State::Reconnecting:
        m_connectionLabel->setText(tr("● Reconnecting…"));
        m_connectionLabel->setStyleSheet(QStringLiteral("color:#b45309"));
        break;
    case ControlClient::State::Connecting:
    case ControlClient::State::SigningIn:
        m_connectionLabel->setText(tr("● Connecting…"));
        m_connectionLabel->setStyleSheet(QStringLiteral("color:#b45309"));
        if (m_banner->mode() == ConnectionBanner::Mode::Reconnecting)
            m_banner->showConnecting();
        break;
    case ControlClient::State::Disconnected:
        m_connectionLabel->setText(tr("● Not connected"));
        m_connectionLabel->setStyleSheet(QStringLiteral("color:#b91c1c"));
        break;
    }
    updateIdentity();
}

void MainWindow::onDisconnected(const hb::cc::DisconnectInfo &info)
{
    m_lastDisconnect = info;
    if (info.kind == hb::cc::DisconnectInfo::Kind::SignedOut)
        return;
    if (!info.willReconnect)
        m_banner->showLost(info);
    // With willReconnect, reconnecting() follows at once and shows the countdown.
}

void MainWindow::updateIdentity()
{
    const ControlClient *client = m_context.client;
    const hb::cc::StaffIdentity who = client->identity();
    const bool signedIn = !who.id.isEmpty();
    const bool supervisor = signedIn && who.maySupervise();
    for (ViewPage *page : std::as_const(m_views))
        page->setSupervisor(supervisor);
    const QString role = supervisor ? tr("supervisor") : tr("viewer");
    m_serverLabel->setText(signedIn ? tr("Server: %1").arg(client->serverUrl().toString()) : QString());
    m_instanceLabel->setText(signedIn && !client->serverInstance().isEmpty()
                                 ? tr("Instance: %1").arg(client->serverInstance())
                                 : QString());
    m_userLabel->setText(signedIn ? tr("%1 (%2)").arg(who.name, role) : QString());
    m_userLabel->setToolTip(signedIn ? tr("Signed in as %1, account %2").arg(who.name, who.id)
                                     : QString());
    setWindowTitle(signedIn ? tr("HaloBestie Control Center – %1 (%2)").arg(who.name, role)
                            : tr("HaloBestie Control Center"));
    m_defaultCapacity->setEnabled(true); // it only opens the box; the box itself is gated
}

void MainWindow::updateBadges()
{
    const QLocale locale;
    const int sessions = m_context.models->sessionBoard()->sessionCount();
    int online = 0;
    int over = 0;
    if (const auto stats = m_context.client->lastStats()) {
        online = stats->activeMitras;
        for (const auto &m : stats->mitras)
            over += m.overCapacity() ? 1 : 0;
    }
    const int waiting = m_context.models->requests()->rowCount();
    m_navigation->setBadge(Mitras, locale.toString(online), over > 0);
    m_navigation->setBadge(Sessions, locale.toString(sessions));
    m_navigation->setBadge(Requests, locale.toString(waiting), waiting > 0);
    m_navigation->viewport()->update();
}

void MainWindow::saveLayout()
{
    m_context.settings->saveWindow(this);
    m_context.settings->setLastView(currentView());
    for (ViewPage *page : std::as_const(m_views))
        page->saveLayout();
}

void MainWindow::restoreLayout()
{
    // First run: a size that fits the smallest screens staff use (1366×768), centred.
    if (const QScreen *screen = QApplication::primaryScreen()) {
        const QRect available = screen->availableGeometry();
        const QSize size(qMin(1360, available.width()), qMin(740, available.height()));
        resize(size);
        move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    }
    m_context.settings->restoreWindow(this);
    for (ViewPage *page : std::as_const(m_views))
        page->restoreLayout();
    showView(m_context.settings->lastView());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    if (m_quitOnClose)
        QApplication::quit();
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_actionsMenu->setTitle(tr("&Actions"));
    m_helpMenu->setTitle(tr("&Help"));
    m_languageMenu->setTitle(tr("&Language"));
    m_languageSystem->setText(tr("&System default"));
    m_signOut->setText(tr("Sign &out"));
    m_quit->setText(tr("&Quit"));
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("Fetch the current view again (F5)"));
    m_find->setText(tr("&Filter…"));
    m_fullScreen->setText(tr("F&ull screen"));
    m_defaultCapacity->setText(tr("&Default capacity…"));
    m_defaultCapacity->setToolTip(tr("Change how many customers each mitra may serve by default"));
    m_about->setText(tr("&About HaloBestie Control Center"));
    m_aboutQt->setText(tr("About &Qt"));
    m_toolBar->setWindowTitle(tr("Toolbar"));
    m_toolBar->toggleViewAction()->setText(tr("Show &toolbar"));
    for (int i = 0; i < m_views.size(); ++i) {
        m_viewActions.at(i)->setText(m_views.at(i)->title());
        if (QListWidgetItem *item = m_navigation ? m_navigation->item(i) : nullptr)
            item->setText(m_views.at(i)->title());
    }
    if (m_navigation)
        m_navigation->updateGeometry();
    updateIdentity();
    onStateChanged(m_context.client->state());
}

} // namespace hb::ui
