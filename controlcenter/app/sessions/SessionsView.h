#pragma once

#include "app/ViewPage.h"

#include <QSet>
#include <QTimer>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;

namespace hb::ui {

class SessionBoardProxy;

// Open sessions grouped by mitra. Supervisors move a session by dragging it onto another mitra
// (or with "Reroute to…", Ctrl+R, from the keyboard). Nothing moves until the server agrees;
// a refusal leaves the session where it was, highlights it and says why.
class SessionsView : public ViewPage
{
    Q_OBJECT

public:
    explicit SessionsView(const ViewContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void refresh() override;
    bool focusFilter() override;
    void setSupervisor(bool supervisor) override;
    void setConnected(bool connected) override;
    void saveLayout() override;
    void restoreLayout() override;

    QTreeView *tree() const { return m_tree; }
    SessionBoardProxy *proxy() const { return m_proxy; }
    QAction *rerouteAction() const { return m_reroute; }
    QList<QAction *> actions() const;

    // Opens "Reroute to…" for the current session. The dialog is modal; tests reach it through
    // rerouteDialogShown().
    void rerouteCurrent();

signals:
    void forceOfflineRequested(const QString &mitraId);
    void historyRequested(const QString &mitraId);
    void rerouteDialogShown(QDialog *dialog);

protected:
    void retranslate() override;

private:
    void updateActions();
    void updateSummary();
    void showContextMenu(const QPoint &pos);
    void expandNew(const QModelIndex &parent, int first, int last);
    QString currentSessionId() const;
    QString currentMitraId() const;
    QString mitraName(const QString &mitraId) const;
    QString customerName(const QString &sessionId) const;

    QLineEdit *m_filter;
    QComboBox *m_scope;
    QLabel *m_summary;
    QLabel *m_hint;
    QToolButton *m_expand;
    QToolButton *m_collapse;
    QTreeView *m_tree;
    SessionBoardProxy *m_proxy;
    QAction *m_reroute;
    QAction *m_forceOffline;
    QAction *m_history;
    QAction *m_copyId;
    QSet<QString> m_awaitingReroute; // sessions we asked to move, for the success note
    QTimer m_summaryTimer; // coalesces the many row signals of one update into one count
};

} // namespace hb::ui
