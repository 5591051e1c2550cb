#pragma once

#include "app/ViewContext.h"

#include <QIcon>
#include <QString>
#include <QWidget>

namespace hb::ui {

class MessageBar;

// One of the main window's views (Dashboard, Mitras, ...). The window switches between them
// and forwards the global commands (F5 refresh, Ctrl+F filter), the signed-in role and the
// connection state; each view decides what they mean for it.
class ViewPage : public QWidget
{
    Q_OBJECT

public:
    ViewPage(const ViewContext &context, QWidget *parent = nullptr);

    virtual QString title() const = 0;
    virtual QIcon icon() const = 0;
    // F5: fetch again what this view shows.
    virtual void refresh() {}
    // Ctrl+F: put the cursor in the view's filter field; false when it has none.
    virtual bool focusFilter() { return false; }
    // Supervisors may change things; viewers only look.
    virtual void setSupervisor(bool supervisor) { m_supervisor = supervisor; }
    virtual void setConnected(bool connected) { m_connected = connected; }
    // Remember and restore column widths, splitters...
    virtual void saveLayout() {}
    virtual void restoreLayout() {}

    bool isSupervisor() const { return m_supervisor; }
    bool isConnected() const { return m_connected; }
    MessageBar *messageBar() const { return m_messageBar; }

    // Why a supervisor-only control is disabled, for its tooltip.
    static QString viewerReason();
    static QString offlineReason();

signals:
    void titleChanged();

protected:
    void changeEvent(QEvent *event) override;
    virtual void retranslate() = 0;
    // The bar views use for action outcomes; each view places it in its layout.
    MessageBar *createMessageBar();

    ViewContext m_context;

private:
    MessageBar *m_messageBar = nullptr;
    bool m_supervisor = false;
    bool m_connected = false;
};

} // namespace hb::ui
