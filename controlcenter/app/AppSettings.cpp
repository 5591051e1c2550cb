#include "app/AppSettings.h"

#include <QHeaderView>
#include <QMainWindow>
#include <QSplitter>

namespace hb::ui {

namespace {
const auto kServer = QStringLiteral("signin/server");
const auto kRecentServers = QStringLiteral("signin/recentServers");
const auto kUsername = QStringLiteral("signin/username");
const auto kLanguage = QStringLiteral("ui/language");
const auto kGeometry = QStringLiteral("window/geometry");
const auto kWindowState = QStringLiteral("window/state");
const auto kLastView = QStringLiteral("window/lastView");
// Bump when the dock/toolbar layout changes incompatibly, so an old saved state is ignored.
constexpr int kWindowStateVersion = 1;
} // namespace

AppSettings::AppSettings() = default;

QString AppSettings::lastServer() const
{
    return m_settings.value(kServer).toString();
}

void AppSettings::rememberServer(const QString &server)
{
    m_settings.setValue(kServer, server);
    QStringList recent = recentServers();
    recent.removeAll(server);
    recent.prepend(server);
    while (recent.size() > kMaxRecentServers)
        recent.removeLast();
    m_settings.setValue(kRecentServers, recent);
}

QStringList AppSettings::recentServers() const
{
    return m_settings.value(kRecentServers).toStringList();
}

QString AppSettings::lastUsername() const
{
    return m_settings.value(kUsername).toString();
}

void AppSettings::setLastUsername(const QString &username)
{
    m_settings.setValue(kUsername, username);
}

QString AppSettings::language() const
{
    return m_settings.value(kLanguage).toString();
}

void AppSettings::setLanguage(const QString &code)
{
    m_settings.setValue(kLanguage, code);
}

void AppSettings::saveWindow(const QMainWindow *window)
{
    m_settings.setValue(kGeometry, window->saveGeometry());
    m_settings.setValue(kWindowState, window->saveState(kWindowStateVersion));
}

void AppSettings::restoreWindow(QMainWindow *window) const
{
    const QByteArray geometry = m_settings.value(kGeometry).toByteArray();
    if (!geometry.isEmpty())
        window->restoreGeometry(geometry);
    const QByteArray state = m_settings.value(kWindowState).toByteArray();
    if (!state.isEmpty())
        window->restoreState(state, kWindowStateVersion);
}

void AppSettings::saveState(const QString &key, const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("state/") + key, state);
}

QByteArray AppSettings::state(const QString &key) const
{
    return m_settings.value(QStringLiteral("state/") + key).toByteArray();
}

void AppSettings::saveHeader(const QString &key, const QHeaderView *header)
{
    saveState(QStringLiteral("header/") + key, header->saveState());
}

void AppSettings::restoreHeader(const QString &key, QHeaderView *header) const
{
    const QByteArray saved = state(QStringLiteral("header/") + key);
    if (!saved.isEmpty())
        header->restoreState(saved);
}

void AppSettings::saveSplitter(const QString &key, const QSplitter *splitter)
{
    saveState(QStringLiteral("splitter/") + key, splitter->saveState());
}

void AppSettings::restoreSplitter(const QString &key, QSplitter *splitter) const
{
    const QByteArray saved = state(QStringLiteral("splitter/") + key);
    if (!saved.isEmpty())
        splitter->restoreState(saved);
}

int AppSettings::lastView() const
{
    return m_settings.value(kLastView, 0).toInt();
}

void AppSettings::setLastView(int index)
{
    m_settings.setValue(kLastView, index);
}

} // namespace hb::ui
