#include "app/MessageBar.h"

#include "app/Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace hb::ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_close->setAutoRaise(true);
    m_close->setIcon(icons::get(QStringLiteral("action-quit")));
    m_close->setToolTip(tr("Close"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    m_hideTimer.setSingleShot(true);
    connect(&m_hideTimer, &QTimer::timeout, this, &QWidget::hide);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    m_text->setText(text);
    QColor background;
    QColor foreground;
    QIcon icon;
    switch (kind) {
    case Kind::Info:
        background = QColor(0xef, 0xf6, 0xff);
        foreground = QColor(0x1e, 0x3a, 0x8a);
        icon = icons::get(QStringLiteral("action-about"));
        break;
    case Kind::Positive:
        background = QColor(0xf0, 0xfd, 0xf4);
        foreground = QColor(0x16, 0x65, 0x34);
        icon = icons::online();
        break;
    case Kind::Warning:
        background = QColor(0xff, 0xfb, 0xeb);
        foreground = QColor(0x92, 0x40, 0x0e);
        icon = icons::warning();
        break;
    case Kind::Error:
        background = QColor(0xfe, 0xf2, 0xf2);
        foreground = QColor(0x99, 0x1b, 0x1b);
        icon = icons::warning();
        break;
    }
    QPalette p = palette();
    p.setColor(QPalette::Window, background);
    p.setColor(QPalette::WindowText, foreground);
    setPalette(p);
    m_icon->setPixmap(icon.pixmap(18, 18));
    show();
    m_hideTimer.stop();
    if ((kind == Kind::Info || kind == Kind::Positive) && m_autoHideMs > 0)
        m_hideTimer.start(m_autoHideMs);
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

} // namespace hb::ui
