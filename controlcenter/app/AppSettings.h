#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

class QHeaderView;
class QMainWindow;
class QSplitter;

namespace hb::ui {

// Everything the control center remembers between runs, in one place: the last server and
// username for the sign-in dialog (never the password or the token), the UI language and the
// window layout. Backed by QSettings (the platform's usual place, e.g. ~/.config/HaloBestie).
class AppSettings
{
public:
    AppSettings();

    QString lastServer() const;
    // Remembers a server the user signed in to; it becomes the first of the recent servers.
    void rememberServer(const QString &server);
    QStringList recentServers() const; // newest first, at most kMaxRecentServers

    QString lastUsername() const;
    void setLastUsername(const QString &username);

    // "" follows the system locale; otherwise a language code such as "id" or "en".
    QString language() const;
    void setLanguage(const QString &code);

    void saveWindow(const QMainWindow *window);
    void restoreWindow(QMainWindow *window) const; // nothing saved yet: the window stays as is

    void saveState(const QString &key, const QByteArray &state);
    QByteArray state(const QString &key) const;

    void saveHeader(const QString &key, const QHeaderView *header);
    void restoreHeader(const QString &key, QHeaderView *header) const;

    void saveSplitter(const QString &key, const QSplitter *splitter);
    void restoreSplitter(const QString &key, QSplitter *splitter) const;

    int lastView() const;
    void setLastView(int index);

    static constexpr int kMaxRecentServers = 8;

private:
    mutable QSettings m_settings;
};

} // namespace hb::ui
