#pragma once

#include "app/ViewPage.h"

class QLabel;
class QLineEdit;
class QTableView;

namespace hb::ui {

class RequestProxy;

// Customers waiting for a mitra, oldest first, with how long each has waited and how many
// mitras were offered the request so far. Long waits are coloured.
class RequestsView : public ViewPage
{
    Q_OBJECT

public:
    explicit RequestsView(const ViewContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void refresh() override;
    bool focusFilter() override;
    void saveLayout() override;
    void restoreLayout() override;

    QTableView *table() const { return m_table; }

protected:
    void retranslate() override;

private:
    void updateSummary();

    QLineEdit *m_filter;
    QLabel *m_summary;
    QLabel *m_empty;
    QTableView *m_table;
    RequestProxy *m_proxy;
};

} // namespace hb::ui
