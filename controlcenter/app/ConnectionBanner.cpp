#include "app/ConnectionBanner.h"

#include "app/Icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace hb::ui {

ConnectionBanner::ConnectionBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_button(new QPushButton(this))
{
    setObjectName(QStringLiteral("connectionBanner"));
    setAutoFillBackground(true);
    setFrameShape(QFrame::NoFrame);
    m_text->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("bannerText"));
    QFont font = m_text->font();
    font.setBold(true);
    m_text->setFont(font);
    m_button->setObjectName(QStringLiteral("bannerButton"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_button);
    // One button, two meanings: while reconnecting by itself the client can be told to try at
    // once; once it gave up, only a new sign-in helps.
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_mode == Mode::Reconnecting)
            emit reconnectNowRequested();
        else if (m_mode == Mode::Lost)
            emit signInRequested();
    });
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionBanner::render);
    m_hideTimer.setSingleShot(true);
    connect(&m_hideTimer, &QTimer::timeout, this, &ConnectionBanner::hideBanner);
    m_since.start();
    hide();
}

void ConnectionBanner::showReconnecting(const hb::cc::DisconnectInfo &info, int attempt,
                                        int delayMs)
{
    m_mode = Mode::Reconnecting;
    m_info = info;
    m_attempt = attempt;
    m_retryAtMs = m_since.elapsed() + delayMs;
    m_hideTimer.stop();
    m_countdown.start();
    render();
}

void ConnectionBanner::showConnecting()
{
    if (m_mode == Mode::Hidden || m_mode == Mode::Restored)
        return; // the first sign-in has its own feedback
    m_mode = Mode::Connecting;
    m_countdown.stop();
    render();
}

void ConnectionBanner::showLost(const hb::cc::DisconnectInfo &info)
{
    m_mode = Mode::Lost;
    m_info = info;
    m_countdown.stop();
    m_hideTimer.stop();
    render();
}

void ConnectionBanner::showRestored()
{
    if (m_mode == Mode::Hidden)
        return;
    m_mode = Mode::Restored;
    m_countdown.stop();
    render();
    m_hideTimer.start(4000);
}

void ConnectionBanner::hideBanner()
{
    m_mode = Mode::Hidden;
    m_countdown.stop();
    m_hideTimer.stop();
    hide();
}

QString ConnectionBanner::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void ConnectionBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_mode != Mode::Hidden)
        render();
    QFrame::changeEvent(event);
}

QString ConnectionBanner::reasonText() const
{
    using Kind = hb::cc::DisconnectInfo::Kind;
    switch (m_info.kind) {
    case Kind::NetworkLost:
        return tr("The connection to the server was lost.");
    case Kind::ServerShutdown:
        return tr("The server is restarting; another one takes over.");
    case Kind::Replaced:
        return tr("You signed in on another screen, so this one was disconnected.");
    case Kind::Unauthorized:
        return tr("Your sign-in is no longer valid (it expired or the account was disabled).");
    case Kind::SignedOut:
        return tr("Signed out.");
    case Kind::Other:
        break;
    }
    if (m_info.message.isEmpty())
        return tr("The server closed the connection (code %1).").arg(m_info.closeCode);
    return tr("The server closed the connection: %1").arg(m_info.message);
}

void ConnectionBanner::render()
{
    switch (m_mode) {
    case Mode::Hidden:
        hide();
        return;
    case Mode::Reconnecting: {
        const qint64 left = qMax<qint64>(0, m_retryAtMs - m_since.elapsed());
        const int seconds = int((left + 999) / 1000);
        m_text->setText(reasonText() + QLatin1Char(' ')
                        + (seconds > 0 ? tr("Reconnecting in %n s (attempt %1). The figures "
                                            "shown are from before the drop.",
                                            nullptr, seconds)
                                             .arg(m_attempt)
                                       : tr("Reconnecting…")));
        m_button->setText(tr("Reconnect &now"));
        m_button->setVisible(seconds > 0);
        m_icon->setPixmap(icons::get(QStringLiteral("connection-lost")).pixmap(22, 22));
        setColors(QColor(0xfe, 0xf3, 0xc7), QColor(0x78, 0x35, 0x0f));
        break;
    }
    case Mode::Connecting:
        m_text->setText(tr("Reconnecting to the server…"));
        m_button->hide();
        m_icon->setPixmap(icons::get(QStringLiteral("connection-lost")).pixmap(22, 22));
        setColors(QColor(0xfe, 0xf3, 0xc7), QColor(0x78, 0x35, 0x0f));
        break;
    case Mode::Lost:
        m_text->setText(reasonText() + QLatin1Char(' ')
                        + tr("Nothing is updated until you sign in again."));
        m_button->setText(tr("&Sign in again…"));
        m_button->show();
        m_icon->setPixmap(icons::warning().pixmap(22, 22));
        setColors(QColor(0xfe, 0xe2, 0xe2), QColor(0x7f, 0x1d, 0x1d));
        break;
    case Mode::Restored:
        m_text->setText(tr("Connected again. All views are up to date."));
        m_button->hide();
        m_icon->setPixmap(icons::get(QStringLiteral("connection-ok")).pixmap(22, 22));
        setColors(QColor(0xdc, 0xfc, 0xe7), QColor(0x14, 0x53, 0x2d));
        break;
    }
    show();
}

void ConnectionBanner::setColors(const QColor &background, const QColor &foreground)
{
    QPalette p = palette();
    p.setColor(QPalette::Window, background);
    p.setColor(QPalette::WindowText, foreground);
    p.setColor(QPalette::Text, foreground);
    setPalette(p);
}

} // namespace hb::ui
