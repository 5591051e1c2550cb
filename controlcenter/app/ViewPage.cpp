#include "app/ViewPage.h"

#include "app/MessageBar.h"

#include <QEvent>

namespace hb::ui {

ViewPage::ViewPage(const ViewContext &context, QWidget *parent)
    : QWidget(parent), m_context(context)
{
}

QString ViewPage::viewerReason()
{
    return tr("Only supervisors can do this. You are signed in as a viewer.");
}

QString ViewPage::offlineReason()
{
    return tr("Not connected to the server. Wait for the connection to come back.");
}

void ViewPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        emit titleChanged();
    }
    QWidget::changeEvent(event);
}

MessageBar *ViewPage::createMessageBar()
{
    if (!m_messageBar)
        m_messageBar = new MessageBar(this);
    return m_messageBar;
}

} // namespace hb::ui
