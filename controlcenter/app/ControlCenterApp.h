#pragma once

#include "app/AppSettings.h"
#include "app/CommandLine.h"
#include "app/LanguageManager.h"
#include "core/ClientTypes.h"

#include <QObject>
#include <memory>

namespace hb::cc {
class ControlClient;
class LiveModels;
} // namespace hb::cc

namespace hb::ui {

class MainWindow;
class SignInDialog;

// Runs the control center: signs in (dialog, or --server/--token without one), shows the main
// window, signs out and in again, switches the language. Owns the connection and the models;
// the widgets only show them.
class ControlCenterApp : public QObject
{
    Q_OBJECT

public:
    explicit ControlCenterApp(const LaunchOptions &options, QObject *parent = nullptr);
    ~ControlCenterApp() override;

    void start();

    hb::cc::ControlClient *client() const { return m_client; }
    hb::cc::LiveModels *models() const { return m_models; }
    MainWindow *mainWindow() const { return m_window.get(); }
    SignInDialog *signInDialog() const { return m_dialog.get(); }
    LanguageManager *languages() { return &m_languages; }
    AppSettings *settings() { return &m_settings; }

signals:
    // Signed in and the main window is up (after the first sign-in and after each later one).
    void ready();

private:
    void showSignIn(const QString &notice = QString());
    void onSignedIn();
    void onSignInFailed(const hb::cc::SignInError &error);
    void onDisconnected(const hb::cc::DisconnectInfo &info);
    void signOut();
    void chooseLanguage(const QString &choice);
    void showMainWindow();

    LaunchOptions m_options;
    AppSettings m_settings;
    LanguageManager m_languages;
    hb::cc::ControlClient *m_client;
    hb::cc::LiveModels *m_models;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<SignInDialog> m_dialog;
    QString m_pendingUsername; // remembered once the server accepted it
    bool m_layoutRestored = false;
};

} // namespace hb::ui
