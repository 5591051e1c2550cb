#include "app/ControlCenterApp.h"

#include "app/MainWindow.h"
#include "app/SignInDialog.h"
#include "app/ViewContext.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"

#include <QApplication>

namespace hb::ui {

using hb::cc::ControlClient;

ControlCenterApp::ControlCenterApp(const LaunchOptions &options, QObject *parent)
    : QObject(parent), m_options(options), m_client(new ControlClient(this)),
      m_models(new hb::cc::LiveModels(m_client, this))
{
    connect(m_client, &ControlClient::signedIn, this, &ControlCenterApp::onSignedIn);
    connect(m_client, &ControlClient::signInFailed, this, &ControlCenterApp::onSignInFailed);
    connect(m_client, &ControlClient::disconnected, this, &ControlCenterApp::onDisconnected);
}

ControlCenterApp::~ControlCenterApp()
{
    // Windows first: their views hold pointers into the models.
    m_dialog.reset();
    m_window.reset();
}

void ControlCenterApp::start()
{
    m_languages.apply(m_options.language.isEmpty() ? m_settings.language() : m_options.language);

    m_window = std::make_unique<MainWindow>(ViewContext{m_client, m_models, &m_settings});
    m_window->setLanguageChoice(m_languages.choice());
    connect(m_window.get(), &MainWindow::signOutRequested, this, &ControlCenterApp::signOut);
    connect(m_window.get(), &MainWindow::signInAgainRequested, this,
            [this] { showSignIn(tr("Sign in again to continue.")); });
    connect(m_window.get(), &MainWindow::languageChosen, this, &ControlCenterApp::chooseLanguage);

    if (m_options.signsInWithToken()) {
        // Kiosk / automation: straight to the window; it shows "connecting" until welcome.
        showMainWindow();
        m_client->connectWithToken(m_options.server, m_options.token);
        return;
    }
    showSignIn();
}

void ControlCenterApp::showMainWindow()
{
    if (!m_layoutRestored) {
        m_window->restoreLayout();
        m_layoutRestored = true;
    }
    m_window->setQuitOnClose(true);
    m_window->show();
}

void ControlCenterApp::showSignIn(const QString &notice)
{
    if (!m_dialog) {
        m_dialog = std::make_unique<SignInDialog>();
        connect(m_dialog.get(), &SignInDialog::signInRequested, this,
                [this](const QUrl &server, const QString &username, const QString &password) {
                    m_pendingUsername = username;
                    m_dialog->setBusy(true);
                    m_client->connectWithPassword(server, username, password);
                });
        connect(m_dialog.get(), &SignInDialog::cancelRequested, this, [this] {
            m_client->disconnectFromServer();
            m_dialog->setBusy(false);
        });
        connect(m_dialog.get(), &SignInDialog::languageChosen, this,
                &ControlCenterApp::chooseLanguage);
        connect(m_dialog.get(), &QDialog::rejected, this, [this] {
            // Quitting from the first dialog ends the app; later, it only closes the dialog
            // and the window stays with its "sign in again" banner.
            if (!m_window || !m_window->isVisible())
                QApplication::quit();
        });
    }
    m_dialog->setRecentServers(m_settings.recentServers());
    const QString server = !m_options.server.isEmpty() ? m_options.server.toString()
                                                       : m_settings.lastServer();
    if (m_dialog->serverText().isEmpty())
        m_dialog->setServer(server);
    if (m_dialog->username().isEmpty())
        m_dialog->setUsername(m_settings.lastUsername());
    m_dialog->setLanguageChoice(m_languages.choice());
    if (!notice.isEmpty())
        m_dialog->showNotice(notice);
    if (m_window && m_window->isVisible())
        m_dialog->setWindowModality(Qt::ApplicationModal);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void ControlCenterApp::onSignedIn()
{
    if (m_dialog && m_dialog->isVisible()) {
        m_settings.rememberServer(m_client->serverUrl().toString());
        if (!m_pendingUsername.isEmpty())
            m_settings.setLastUsername(m_pendingUsername);
        m_dialog->setBusy(false);
        m_dialog->clearPassword();
        m_dialog->hide();
    }
    showMainWindow();
    emit ready();
}

void ControlCenterApp::onSignInFailed(const hb::cc::SignInError &error)
{
    // A token that fails (kiosk start) falls back to the dialog, filled in, saying why.
    showSignIn();
    m_dialog->setBusy(false);
    m_dialog->showFailure(error);
}

void ControlCenterApp::onDisconnected(const hb::cc::DisconnectInfo &info)
{
    // The token is no longer accepted: only the password helps, so ask for it right away.
    if (info.kind == hb::cc::DisconnectInfo::Kind::Unauthorized && m_window->isVisible())
        showSignIn(tr("Your sign-in expired or was withdrawn. Sign in again to continue."));
}

void ControlCenterApp::signOut()
{
    m_client->disconnectFromServer();
    showSignIn(tr("You signed out."));
    m_window->saveLayout();
    m_window->setQuitOnClose(false);
    m_window->hide();
}

void ControlCenterApp::chooseLanguage(const QString &choice)
{
    m_languages.apply(choice);
    m_settings.setLanguage(choice);
    if (m_window)
        m_window->setLanguageChoice(choice);
    if (m_dialog)
        m_dialog->setLanguageChoice(choice);
}

} // namespace hb::ui
