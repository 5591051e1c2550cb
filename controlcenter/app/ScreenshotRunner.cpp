#include "app/ScreenshotRunner.h"

#include "app/ControlCenterApp.h"
#include "app/ForceOfflineDialog.h"
#include "app/MainWindow.h"
#include "app/SignInDialog.h"
#include "app/audit/AuditView.h"
#include "app/history/PresenceHistoryView.h"
#include "app/mitras/MitrasView.h"
#include "app/sessions/RerouteDialog.h"
#include "app/sessions/SessionsView.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTableView>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QTreeView>

namespace hb::ui {

namespace {
// Lets the event loop run for `ms` (charts lay out, pushes arrive) without blocking it.
void settle(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
}

// Waits until `done` or the deadline, keeping the event loop running.
template <class Predicate> bool waitFor(Predicate done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

void say(const QString &text)
{
    QTextStream(stderr) << "screenshots: " << text << Qt::endl;
}
} // namespace

ScreenshotRunner::ScreenshotRunner(ControlCenterApp *app, const QString &directory, QObject *parent)
    : QObject(parent), m_app(app), m_dir(directory)
{
    if (!m_dir.exists())
        QDir().mkpath(m_dir.absolutePath());
    bool ok = false;
    const int settleS = qEnvironmentVariableIntValue("HB_SCREENSHOT_SETTLE_S", &ok);
    if (ok && settleS >= 0)
        m_settleMs = settleS * 1000;
    connect(app, &ControlCenterApp::ready, this, [this] {
        if (!m_started) {
            m_started = true;
            QTimer::singleShot(0, this, &ScreenshotRunner::begin);
        }
    });
    QTimer::singleShot(kTimeoutMs, this, [this] {
        if (!m_started) {
            say(QStringLiteral("not signed in after %1 s; giving up").arg(kTimeoutMs / 1000));
            QApplication::exit(2);
        }
    });
}

void ScreenshotRunner::begin()
{
    MainWindow *window = m_app->mainWindow();
    window->resize(1366, 768); // the smallest screen staff use
    hb::cc::LiveModels *models = m_app->models();
    // Stats and both lists come right after sign-in; give the charts a few samples.
    if (!waitFor([models] { return models->mitras()->rowCount() > 0; }, 20000))
        say(QStringLiteral("no mitras listed by the server; the views will look empty"));
    waitFor([models] { return models->sessionBoard()->sessionCount() > 0; }, 5000);
    prepare();
    shootAll();
    say(QStringLiteral("done, %1 failure(s), in %2").arg(m_failures).arg(m_dir.absolutePath()));
    QApplication::exit(m_failures == 0 ? 0 : 1);
}

void ScreenshotRunner::prepare()
{
    MainWindow *window = m_app->mainWindow();
    hb::cc::LiveModels *models = m_app->models();
    // The history of the busiest mitra today; the audit log's newest entry selected.
    QString busiest;
    int most = -1;
    for (int row = 0; row < models->mitras()->rowCount(); ++row) {
        const auto &m = models->mitras()->mitraAt(row);
        if (m.activeSessions > most) {
            most = m.activeSessions;
            busiest = m.id;
        }
    }
    if (!busiest.isEmpty()) {
        window->showHistory(busiest);
        waitFor([models] { return models->presence()->rowCount() > 0; }, 5000);
    }
    waitFor([models] { return models->audit()->rowCount() > 0; }, 5000);
    QTableView *audit = window->auditView()->table();
    if (audit->model()->rowCount() > 0)
        audit->setCurrentIndex(audit->model()->index(0, 0));
    QTreeView *tree = window->sessionsView()->tree();
    for (int row = 0; row < tree->model()->rowCount(); ++row) {
        const QModelIndex mitra = tree->model()->index(row, 0);
        if (tree->model()->rowCount(mitra) > 0) {
            tree->setCurrentIndex(tree->model()->index(0, 0, mitra));
            break;
        }
    }
    // Let the dashboard collect samples for its line chart (one every 5 s).
    settle(m_settleMs);
}

void ScreenshotRunner::shootAll()
{
    MainWindow *window = m_app->mainWindow();
    const char *names[] = {"dashboard", "mitras", "sessions", "requests", "history", "audit"};
    for (int view = 0; view < MainWindow::ViewCount; ++view) {
        window->showView(view);
        settle(800);
        save(window, QStringLiteral("%1-%2").arg(view + 1, 2, 10, QLatin1Char('0'))
                         .arg(QLatin1String(names[view])));
    }

    // The dialogs, as staff see them.
    SignInDialog signIn;
    signIn.setServer(m_app->client()->serverUrl().toString());
    signIn.setUsername(QStringLiteral("ayu"));
    signIn.showFailure({hb::cc::SignInError::Kind::WrongCredentials, QString()});
    signIn.adjustSize();
    save(&signIn, QStringLiteral("00-sign-in"));

    hb::cc::LiveModels *models = m_app->models();
    QTreeView *tree = window->sessionsView()->tree();
    const QModelIndex session = tree->currentIndex();
    if (session.isValid()) {
        RerouteDialog reroute(models->mitras(), session.data().toString(),
                              session.data(hb::cc::SessionBoardModel::MitraIdRole).toString(),
                              session.parent().data().toString(), window);
        save(&reroute, QStringLiteral("07-reroute-dialog"));
    }
    if (models->mitras()->rowCount() > 0) {
        const auto &m = models->mitras()->mitraAt(0);
        ForceOfflineDialog force(m.name, m.status == hb::PresenceStatus::Online, m.activeSessions,
                                 window);
        force.adjustSize();
        save(&force, QStringLiteral("08-force-offline-dialog"));
    }
}

bool ScreenshotRunner::save(QWidget *widget, const QString &name)
{
    const QString path = m_dir.filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path)) {
        say(QStringLiteral("could not save %1").arg(path));
        ++m_failures;
        return false;
    }
    say(QStringLiteral("saved %1").arg(path));
    return true;
}

} // namespace hb::ui
