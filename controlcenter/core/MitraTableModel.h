#pragma once

#include "protocol/StatsSnapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <optional>

namespace hb::cc {

// Every mitra of the latest `stats` (online, or offline but still serving sessions), one row
// each, updated in place from each stats push: new mitras are appended, gone ones removed,
// changed cells reported with dataChanged. Row order is arrival order; sort and filter with a
// QSortFilterProxyModel on SortRole.
//
// Editing the max-customers cell does not change the model: it emits capacityChangeRequested()
// and the cell changes when the server's next stats says so.
class MitraTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        StatusColumn,         // online / offline
        StatusSinceColumn,    // when the status began
        ActiveSessionsColumn, // sessions open now
        MaxCustomersColumn,   // effective capacity; editable for supervisors
        CapacitySourceColumn, // "global" default or the mitra's own override
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        MitraIdRole = Qt::UserRole + 1, // QString, any column
        SortRole,           // raw value of the column: name, status (0 offline, 1 online),
                            // status-since ms (-1 unknown), counts, source (0 global, 1 mitra)
        OverCapacityRole,   // bool, any column: active sessions > max customers
        OnlineRole,         // bool, any column
        StatusSinceRole,    // qint64 ms since the epoch, or invalid QVariant when unknown
        ActiveSessionsRole, // int
        MaxCustomersRole,   // int, effective
        HasOverrideRole,    // bool: capacity_source is "mitra"
        LoadRole,           // double: active / max (0 when max is 0 and nothing runs)
    };
    Q_ENUM(Role)

    explicit MitraTableModel(QObject *parent = nullptr);

    // Whether the max-customers cell is editable (supervisors only).
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    // Merges a snapshot into the rows (minimal inserts/removes/dataChanged).
    void applyStats(const StatsSnapshot &stats);
    void clear();

    int rowOf(const QString &mitraId) const; // -1 when absent
    std::optional<MitraStats> mitra(const QString &mitraId) const;
    const MitraStats &mitraAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // MaxCustomersColumn, EditRole: an int 0..1000 asks for that override; a null QVariant (or
    // an empty string) asks to go back to the global default. Returns whether a request was
    // emitted; the cell itself keeps showing the server's value.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void capacityChangeRequested(const QString &mitraId, std::optional<int> maxCustomers);

private:
    QList<MitraStats> m_rows;
    QHash<QString, int> m_rowById;
    bool m_editable = false;
};

} // namespace hb::cc
