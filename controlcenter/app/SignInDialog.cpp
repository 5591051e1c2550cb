#include "app/SignInDialog.h"

#include "app/Icons.h"
#include "app/LanguageManager.h"
#include "app/ServerAddress.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace hb::ui {

namespace {
// The protocol's own limits (docs/protocol.md, Limits): checked here so staff get a clear
// message instead of a server refusal.
constexpr int kMaxUsernameLength = 200;
constexpr int kMaxPasswordLength = 1024;
} // namespace

SignInDialog::SignInDialog(QWidget *parent) : QDialog(parent)
{
    setWindowIcon(icons::app());
    setObjectName(QStringLiteral("signInDialog"));

    auto *logo = new QLabel(this);
    logo->setPixmap(icons::app().pixmap(56, 56));
    logo->setAlignment(Qt::AlignTop);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle = new QLabel(this);
    m_subtitle->setWordWrap(true);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    titles->addStretch();
    auto *header = new QHBoxLayout;
    header->setSpacing(14);
    header->addWidget(logo);
    header->addLayout(titles, 1);

    m_server = new QComboBox(this);
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setEditable(true);
    m_server->setInsertPolicy(QComboBox::NoInsert);
    m_server->setMinimumWidth(320);
    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("username"));
    m_username->setMaxLength(kMaxUsernameLength);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(kMaxPasswordLength);
    m_serverLabel = new QLabel(this);
    m_usernameLabel = new QLabel(this);
    m_passwordLabel = new QLabel(this);
    m_serverLabel->setBuddy(m_server);
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setBuddy(m_password);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_usernameLabel, m_username);
    form->addRow(m_passwordLabel, m_password);

    m_messageBox = new QWidget(this);
    m_messageIcon = new QLabel(m_messageBox);
    m_messageIcon->setAlignment(Qt::AlignTop);
    m_message = new QLabel(m_messageBox);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *messageLayout = new QHBoxLayout(m_messageBox);
    messageLayout->setContentsMargins(8, 6, 8, 6);
    messageLayout->addWidget(m_messageIcon);
    messageLayout->addWidget(m_message, 1);
    m_messageBox->setAutoFillBackground(true);
    m_messageBox->hide();

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // indeterminate: we cannot know how long the server takes
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->hide();

    m_languageLabel = new QLabel(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(QString(), QString()); // "System default", text set in retranslate()
    for (const auto &language : LanguageManager::available())
        m_language->addItem(language.nativeName, language.code);
    m_languageLabel->setBuddy(m_language);
    connect(m_language, &QComboBox::activated, this,
            [this](int index) { emit languageChosen(m_language->itemData(index).toString()); });

    m_buttons = new QDialogButtonBox(this);
    m_signIn = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setDefault(true);
    m_quit = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    connect(m_signIn, &QPushButton::clicked, this, [this] {
        if (m_busy)
            emit cancelRequested();
        else
            submit();
    });
    connect(m_quit, &QPushButton::clicked, this, &SignInDialog::reject);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_languageLabel);
    bottom->addWidget(m_language);
    bottom->addStretch();
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(22, 20, 22, 16);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addSpacing(4);
    layout->addLayout(form);
    layout->addWidget(m_messageBox);
    layout->addWidget(m_progress);
    layout->addStretch();
    layout->addLayout(bottom);

    // Typing again hides an old complaint: it is about what was there before.
    const auto clearComplaint = [this] {
        if (!m_busy && m_messageBox->isVisible() && m_messageIsError) {
            m_failure.reset();
            m_messageBox->hide();
        }
    };
    connect(m_server, &QComboBox::editTextChanged, this, clearComplaint);
    connect(m_username, &QLineEdit::textEdited, this, clearComplaint);

    retranslate();
    setMinimumWidth(500);
}

void SignInDialog::setRecentServers(const QStringList &servers)
{
    const QString current = m_server->currentText();
    m_server->clear();
    m_server->addItems(servers);
    m_server->setEditText(current);
}

void SignInDialog::setServer(const QString &server)
{
    m_server->setEditText(server);
}

void SignInDialog::setUsername(const QString &username)
{
    m_username->setText(username);
    // Returning staff only need to type the password.
    if (!username.isEmpty() && !m_server->currentText().isEmpty())
        m_password->setFocus();
}

QString SignInDialog::serverText() const
{
    return m_server->currentText().trimmed();
}

QString SignInDialog::username() const
{
    return m_username->text().trimmed();
}

void SignInDialog::setLanguageChoice(const QString &choice)
{
    const int index = m_language->findData(choice);
    m_language->setCurrentIndex(index < 0 ? 0 : index);
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_server->setEnabled(!busy);
    m_username->setEnabled(!busy);
    m_password->setEnabled(!busy);
    m_progress->setVisible(busy);
    if (busy) {
        m_failure.reset();
        showMessage(tr("Signing in to %1…").arg(serverText()), false);
    } else if (!m_messageIsError) {
        m_messageBox->hide();
    }
    retranslate();
}

void SignInDialog::showFailure(const hb::cc::SignInError &error)
{
    m_failure = error;
    m_failureServer = serverText();
    showMessage(failureText(error, m_failureServer), true);
    using Kind = hb::cc::SignInError::Kind;
    switch (error.kind) {
    case Kind::WrongCredentials:
    case Kind::TokenRejected:
        m_password->setFocus();
        m_password->selectAll();
        break;
    case Kind::Unreachable:
    case Kind::TlsError:
    case Kind::ProtocolError:
        m_server->setFocus();
        m_server->lineEdit()->selectAll();
        break;
    default:
        break;
    }
}

void SignInDialog::showNotice(const QString &text)
{
    m_failure.reset();
    showMessage(text, false);
}

QString SignInDialog::message() const
{
    return m_messageBox->isHidden() ? QString() : m_message->text();
}

void SignInDialog::clearPassword()
{
    m_password->clear();
}

QString SignInDialog::failureText(const hb::cc::SignInError &error, const QString &server)
{
    using Kind = hb::cc::SignInError::Kind;
    switch (error.kind) {
    case Kind::WrongCredentials:
        return tr("The username or password is not right (or the account is disabled). "
                  "Check both and try again.");
    case Kind::TokenRejected:
        return tr("The server no longer accepts your sign-in (it expired or the account was "
                  "disabled). Sign in with your password.");
    case Kind::RateLimited:
        return tr("Too many failed sign-ins. Wait a few minutes, then try again.");
    case Kind::Unreachable:
        return tr("Cannot reach the server at %1. Check the address and port, and that this "
                  "computer is online.")
            .arg(server);
    case Kind::TlsError:
        return tr("The secure connection to %1 failed: %2. The server's certificate may be "
                  "invalid or expired, or the server does not use TLS (then use ws:// instead "
                  "of wss://).")
            .arg(server, error.message);
    case Kind::ServerUnavailable:
        return tr("The server cannot check sign-ins right now (its account store is down). "
                  "Try again in a minute.");
    case Kind::ProtocolError:
        return tr("The server at %1 did not answer like a HaloBestie server. Check the address "
                  "and port.")
            .arg(server);
    case Kind::ServerError:
        break;
    }
    return tr("The server refused the sign-in: %1").arg(error.message);
}

bool SignInDialog::validate()
{
    const ServerAddress address = ServerAddress::parse(serverText());
    if (!address.isValid()) {
        showMessage(address.error, true);
        m_server->setFocus();
        return false;
    }
    if (username().isEmpty()) {
        showMessage(tr("Enter your username."), true);
        m_username->setFocus();
        return false;
    }
    if (m_password->text().isEmpty()) {
        showMessage(tr("Enter your password."), true);
        m_password->setFocus();
        return false;
    }
    return true;
}

void SignInDialog::submit()
{
    m_failure.reset();
    if (!validate())
        return;
    const QUrl url = ServerAddress::parse(serverText()).url;
    // Show what will really be used (e.g. ws:// and /v1/ws added).
    m_server->setEditText(url.toString());
    emit signInRequested(url, username(), m_password->text());
}

void SignInDialog::reject()
{
    if (m_busy)
        emit cancelRequested();
    clearPassword();
    QDialog::reject();
}

void SignInDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void SignInDialog::retranslate()
{
    setWindowTitle(tr("Sign in – HaloBestie Control Center"));
    m_title->setText(tr("Sign in to the Control Center"));
    m_subtitle->setText(tr("Use your control-center staff account."));
    m_serverLabel->setText(tr("&Server:"));
    m_usernameLabel->setText(tr("&Username:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_server->lineEdit()->setPlaceholderText(tr("e.g. wss://halo.example.com"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setItemText(0, tr("System default"));
    m_signIn->setText(m_busy ? tr("Cancel") : tr("&Sign in"));
    m_quit->setText(tr("&Quit"));
    if (m_failure)
        m_message->setText(failureText(*m_failure, m_failureServer));
}

void SignInDialog::showMessage(const QString &text, bool isError)
{
    m_messageIsError = isError;
    m_message->setText(text);
    const QIcon icon = isError ? icons::warning() : icons::get(QStringLiteral("action-about"));
    m_messageIcon->setPixmap(icon.pixmap(20, 20));
    QPalette palette = m_messageBox->palette();
    palette.setColor(QPalette::Window, isError ? QColor(0xfe, 0xf2, 0xf2) : QColor(0xef, 0xf6, 0xff));
    palette.setColor(QPalette::WindowText, isError ? QColor(0x99, 0x1b, 0x1b) : QColor(0x1e, 0x3a, 0x8a));
    m_messageBox->setPalette(palette);
    m_message->setPalette(palette);
    m_messageBox->show();
}

} // namespace hb::ui
