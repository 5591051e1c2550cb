#pragma once

#include "core/ClientTypes.h"

#include <QDialog>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace hb::ui {

// Asks for the server address, username and password. It only validates what was typed and
// reports what happened; the controller (ControlCenterApp) does the signing in and tells the
// dialog the outcome, so the dialog is tested without a server. The password is never stored:
// it is handed on once and cleared when the dialog closes.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SignInDialog(QWidget *parent = nullptr);

    void setRecentServers(const QStringList &servers);
    void setServer(const QString &server);
    void setUsername(const QString &username);
    QString serverText() const;
    QString username() const;

    // Shows the languages and which one is chosen ("" follows the system).
    void setLanguageChoice(const QString &choice);

    // While signing in: the fields are locked and the button turns into Cancel.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    // What went wrong, in words staff can act on.
    void showFailure(const hb::cc::SignInError &error);
    // A note above the fields, e.g. "your session ended, sign in again".
    void showNotice(const QString &text);
    QString message() const; // the text currently shown (for tests)

    void clearPassword();

    // Checks the fields; shows the first problem and focuses its field. Public for tests.
    bool validate();

    static QString failureText(const hb::cc::SignInError &error, const QString &server);

signals:
    void signInRequested(const QUrl &server, const QString &username, const QString &password);
    void cancelRequested();
    void languageChosen(const QString &choice);

protected:
    void changeEvent(QEvent *event) override;
    void reject() override;

private:
    void submit();
    void retranslate();
    void showMessage(const QString &text, bool isError);

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_usernameLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_server = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_messageIcon = nullptr;
    QLabel *m_message = nullptr;
    QWidget *m_messageBox = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_quit = nullptr;
    bool m_busy = false;
    bool m_messageIsError = false;
    // The last failure, so its text follows a language switch while it is shown.
    std::optional<hb::cc::SignInError> m_failure;
    QString m_failureServer;
};

} // namespace hb::ui
