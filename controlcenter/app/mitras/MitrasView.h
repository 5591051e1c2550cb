#pragma once

#include "app/ViewPage.h"

#include <QTimer>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace hb::ui {

class GlobalCapacityBox;
class MitraFilterProxy;

// Every mitra the server lists (online, or offline but still serving), in a sortable,
// filterable table: status and since when, open sessions against capacity (over capacity in
// red), capacity editable in place for supervisors, and the global default in one box above.
class MitrasView : public ViewPage
{
    Q_OBJECT

public:
    explicit MitrasView(const ViewContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void refresh() override;
    bool focusFilter() override;
    void setSupervisor(bool supervisor) override;
    void setConnected(bool connected) override;
    void saveLayout() override;
    void restoreLayout() override;

    QTableView *table() const { return m_table; }
    MitraFilterProxy *proxy() const { return m_proxy; }
    GlobalCapacityBox *globalCapacity() const { return m_global; }
    QList<QAction *> actions() const;
    QAction *forceOfflineAction() const { return m_forceOffline; }
    QAction *resetCapacityAction() const { return m_resetCapacity; }
    QAction *editCapacityAction() const { return m_editCapacity; }

    // The mitra of the current row, if any.
    QString currentMitraId() const;
    void selectMitra(const QString &mitraId);

signals:
    void forceOfflineRequested(const QString &mitraId);
    void historyRequested(const QString &mitraId);

protected:
    void retranslate() override;

private:
    void applyGlobal(int value);
    void resetCurrentCapacity();
    void updateActions();
    void updateCount();
    void showContextMenu(const QPoint &pos);

    QLineEdit *m_filter;
    QComboBox *m_status;
    QLabel *m_count;
    GlobalCapacityBox *m_global;
    QTableView *m_table;
    MitraFilterProxy *m_proxy;
    QAction *m_editCapacity;
    QAction *m_resetCapacity;
    QAction *m_forceOffline;
    QAction *m_history;
    QAction *m_copyId;
    QTimer m_sinceTimer;
    std::optional<int> m_defaultCapacity;
};

} // namespace hb::ui
