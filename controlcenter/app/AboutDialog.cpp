#include "app/AboutDialog.h"

#include "app/Icons.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace hb::ui {

AboutDialog::AboutDialog(const QString &server, const QString &instance, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About HaloBestie Control Center"));
    auto *logo = new QLabel(this);
    logo->setPixmap(icons::app().pixmap(96, 96));
    logo->setAlignment(Qt::AlignTop);
    auto *text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setOpenExternalLinks(true);
    QString html =
        QStringLiteral("<h2>%1</h2><p>%2</p><p>%3</p>")
            .arg(tr("HaloBestie Control Center"),
                 tr("Version %1").arg(QApplication::applicationVersion()),
                 tr("Live view and control of mitras, sessions and pairing requests for "
                    "HaloBestie's control-center staff."));
    if (!server.isEmpty())
        html += QStringLiteral("<p>%1<br>%2</p>")
                    .arg(tr("Server: %1").arg(server.toHtmlEscaped()),
                         tr("Instance: %1")
                             .arg(instance.isEmpty() ? tr("unknown") : instance.toHtmlEscaped()));
    html += QStringLiteral("<p><small>%1</small></p>")
                .arg(tr("Built with Qt %1 (running on %2).")
                         .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    text->setText(html);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *row = new QHBoxLayout;
    row->setSpacing(18);
    row->addWidget(logo);
    row->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

} // namespace hb::ui
