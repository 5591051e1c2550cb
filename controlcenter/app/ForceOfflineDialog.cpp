#include "app/ForceOfflineDialog.h"

#include "app/Format.h"
#include "app/Icons.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hb::ui {

ForceOfflineDialog::ForceOfflineDialog(const QString &mitraName, bool online, int openSessions,
                                       QWidget *parent)
    : QDialog(parent), m_reroute(new QCheckBox(this))
{
    setObjectName(QStringLiteral("forceOfflineDialog"));
    setWindowTitle(tr("Force offline"));
    auto *icon = new QLabel(this);
    icon->setPixmap(icons::get(QStringLiteral("action-force-offline")).pixmap(40, 40));
    icon->setAlignment(Qt::AlignTop);
    auto *question = new QLabel(
        online ? tr("Take <b>%1</b> offline?").arg(mitraName.toHtmlEscaped())
               : tr("<b>%1</b> is already offline.").arg(mitraName.toHtmlEscaped()),
        this);
    QFont big = question->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    question->setFont(big);
    auto *explanation = new QLabel(
        online ? tr("%1 gets no new customers until they go online again themselves (they are "
                    "not blocked). Pending offers to them close and move on to other mitras.")
                     .arg(mitraName.toHtmlEscaped())
               : tr("Forcing again changes nothing, but it can still move their open sessions."),
        this);
    explanation->setWordWrap(true);

    m_reroute->setObjectName(QStringLiteral("rerouteSessions"));
    m_reroute->setText(tr("Also move their %1 to other online mitras (least busy first)")
                           .arg(Format::sessions(openSessions)));
    m_reroute->setEnabled(openSessions > 0);
    m_reroute->setChecked(openSessions > 0 && !online);
    auto *keepNote = new QLabel(openSessions > 0
                                    ? tr("Sessions no other mitra has room for stay with %1.")
                                          .arg(mitraName.toHtmlEscaped())
                                    : tr("They have no open sessions."),
                                this);
    keepNote->setWordWrap(true);
    keepNote->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(online ? tr("&Take offline") : tr("&Move sessions"),
                                   QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmForceOffline"));
    m_confirm->setIcon(icons::get(QStringLiteral("action-force-offline")));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    cancel->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (!online) {
        m_confirm->setEnabled(m_reroute->isChecked());
        connect(m_reroute, &QCheckBox::toggled, m_confirm, &QPushButton::setEnabled);
    }

    auto *text = new QVBoxLayout;
    text->addWidget(question);
    text->addWidget(explanation);
    text->addSpacing(8);
    text->addWidget(m_reroute);
    text->addWidget(keepNote);
    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

bool ForceOfflineDialog::rerouteSessions() const
{
    return m_reroute->isEnabled() && m_reroute->isChecked();
}

} // namespace hb::ui
