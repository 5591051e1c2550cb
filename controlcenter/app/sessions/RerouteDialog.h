#pragma once

#include <QDialog>
#include <QSortFilterProxyModel>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace hb::cc {
class MitraTableModel;
}

namespace hb::ui {

// The mitras a session could move to, least loaded first. Offline and full mitras stay in the
// list (staff look for them by name) but cannot be picked, and their tooltip says why; the
// session's own mitra is left out.
class RerouteTargetProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit RerouteTargetProxy(QObject *parent = nullptr);

    void setExcludedMitra(const QString &mitraId);
    void setText(const QString &text);

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // Whether a mitra can take one more session now (online and below capacity).
    static bool canTake(const QModelIndex &sourceIndex);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_excluded;
    QStringList m_words;
};

// "Reroute to…": the keyboard (and screen reader) way to move a session, the same as dragging
// it onto another mitra. Type to filter, arrows to choose, Enter to move.
class RerouteDialog : public QDialog
{
    Q_OBJECT

public:
    RerouteDialog(hb::cc::MitraTableModel *mitras, const QString &customerName,
                  const QString &fromMitraId, const QString &fromMitraName,
                  QWidget *parent = nullptr);

    QString selectedMitraId() const;
    void selectMitra(const QString &mitraId); // for tests
    QTableView *table() const { return m_table; }

protected:
    // Up/Down in the filter field move through the list, so the hands stay on the keyboard.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateButton();

    RerouteTargetProxy *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_table;
    QDialogButtonBox *m_buttons;
    QPushButton *m_move = nullptr;
};

} // namespace hb::ui
