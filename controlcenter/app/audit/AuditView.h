#pragma once

#include "app/ViewPage.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;
class QTextBrowser;

namespace hb::ui {

class AuditLabelProxy;

// Who changed what and when: the server's audit log, newest first, filterable by action.
// Older entries load as the list is scrolled (or with "Load older"). The selected entry's
// before/after state is shown field by field below the list.
class AuditView : public ViewPage
{
    Q_OBJECT

public:
    explicit AuditView(const ViewContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void refresh() override;
    bool focusFilter() override;
    void saveLayout() override;
    void restoreLayout() override;

    QTableView *table() const { return m_table; }
    QTextBrowser *details() const { return m_details; }

    // The before/after of an entry as an HTML table (public for tests).
    static QString detailsHtml(const QModelIndex &entry);

protected:
    void retranslate() override;

private:
    void updateState();
    void showDetails();

    QLabel *m_actionLabel;
    QComboBox *m_action;
    QPushButton *m_reload;
    QLabel *m_count;
    QSplitter *m_splitter;
    QTableView *m_table;
    QTextBrowser *m_details;
    QPushButton *m_older;
    AuditLabelProxy *m_proxy;
};

} // namespace hb::ui
