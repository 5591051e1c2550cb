#include "MitraTableModel.h"

#include "Durations.h"
#include "RowSync.h"
#include "domain/CapacityRule.h"

#include <QDateTime>

namespace hb::cc {

MitraTableModel::MitraTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void MitraTableModel::setEditable(bool editable)
{
    if (m_editable == editable)
        return;
    m_editable = editable;
    // Flags are data too: views re-read them on dataChanged.
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, MaxCustomersColumn), index(rowCount() - 1, MaxCustomersColumn));
}

void MitraTableModel::applyStats(const StatsSnapshot &stats)
{
    bool structural = false;
    RowSync<MitraStats, QString> sync;
    sync.key = [](const MitraStats &m) { return m.id; };
    sync.beginRemove = [&](int first, int last) {
        structural = true;
        beginRemoveRows({}, first, last);
    };
    sync.endRemove = [this] { endRemoveRows(); };
    sync.beginInsert = [&](int first, int last) {
        structural = true;
        beginInsertRows({}, first, last);
    };
    sync.endInsert = [this] { endInsertRows(); };
    sync.changed = [this](int first, int last) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    };
    sync.apply(m_rows, stats.mitras);
    if (structural) {
        m_rowById.clear();
        m_rowById.reserve(m_rows.size());
        for (int i = 0; i < m_rows.size(); ++i)
            m_rowById.insert(m_rows[i].id, i);
    }
}

void MitraTableModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    m_rowById.clear();
    endRemoveRows();
}

int MitraTableModel::rowOf(const QString &mitraId) const
{
    return m_rowById.value(mitraId, -1);
}

std::optional<MitraStats> MitraTableModel::mitra(const QString &mitraId) const
{
    const int row = rowOf(mitraId);
    if (row < 0)
        return std::nullopt;
    return m_rows[row];
}

int MitraTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MitraTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MitraTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MitraStats &m = m_rows[index.row()];
    const bool online = m.status == PresenceStatus::Online;
    switch (role) {
    case MitraIdRole:
        return m.id;
    case OverCapacityRole:
        return m.overCapacity();
    case OnlineRole:
        return online;
    case StatusSinceRole:
        return m.statusSinceMs ? QVariant(*m.statusSinceMs) : QVariant();
    case ActiveSessionsRole:
        return m.activeSessions;
    case MaxCustomersRole:
        return m.maxCustomers;
    case HasOverrideRole:
        return m.capacitySource == CapacitySource::Mitra;
    case LoadRole:
        if (m.maxCustomers > 0)
            return double(m.activeSessions) / double(m.maxCustomers);
        return m.activeSessions > 0 ? 1.0 + m.activeSessions : 0.0;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return m.name.toCaseFolded();
        case StatusColumn:
            return online ? 1 : 0;
        case StatusSinceColumn:
            return m.statusSinceMs.value_or(-1);
        case ActiveSessionsColumn:
            return m.activeSessions;
        case MaxCustomersColumn:
            return m.maxCustomers;
        case CapacitySourceColumn:
            return m.capacitySource == CapacitySource::Mitra ? 1 : 0;
        }
        return {};
    case Qt::EditRole:
        if (index.column() == MaxCustomersColumn)
            return m.maxCustomers;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return m.name;
        case StatusColumn:
            return online ? tr("Online") : tr("Offline");
        case StatusSinceColumn:
            return m.statusSinceMs ? formatServerTime(*m.statusSinceMs,
                                                      QDateTime::currentMSecsSinceEpoch())
                                   : QString();
        case ActiveSessionsColumn:
            return m.activeSessions;
        case MaxCustomersColumn:
            return m.maxCustomers;
        case CapacitySourceColumn:
            return m.capacitySource == CapacitySource::Mitra ? tr("Own setting")
                                                             : tr("Global default");
        }
        return {};
    case Qt::ToolTipRole:
        if (m.overCapacity()) {
            return tr("%1 serves %2 sessions, above its capacity of %3: it gets no new "
                      "customers until sessions end.")
                .arg(m.name)
                .arg(m.activeSessions)
                .arg(m.maxCustomers);
        }
        if (index.column() == MaxCustomersColumn && m_editable)
            return tr("Edit to set this mitra's capacity; clear it to use the global default.");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ActiveSessionsColumn || index.column() == MaxCustomersColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant MitraTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case StatusSinceColumn:
        return tr("Since");
    case ActiveSessionsColumn:
        return tr("Active sessions");
    case MaxCustomersColumn:
        return tr("Max customers");
    case CapacitySourceColumn:
        return tr("Capacity from");
    }
    return {};
}

Qt::ItemFlags MitraTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (m_editable && index.isValid() && index.column() == MaxCustomersColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool MitraTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !m_editable || index.column() != MaxCustomersColumn ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return false;
    }
    const MitraStats &m = m_rows[index.row()];
    // Null or empty text: back to the global default.
    if (!value.isValid() || value.isNull() ||
        (value.typeId() == QMetaType::QString && value.toString().trimmed().isEmpty())) {
        if (m.capacitySource == CapacitySource::Global)
            return false; // already following the default
        emit capacityChangeRequested(m.id, std::nullopt);
        return true;
    }
    bool ok = false;
    const int max = value.typeId() == QMetaType::QString ? value.toString().trimmed().toInt(&ok)
                                                         : value.toInt(&ok);
    if (!ok || !isValidCapacity(max))
        return false;
    if (max == m.maxCustomers && m.capacitySource == CapacitySource::Mitra)
        return false; // nothing would change
    emit capacityChangeRequested(m.id, max);
    return true;
}

QHash<int, QByteArray> MitraTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(MitraIdRole, "mitraId");
    names.insert(SortRole, "sortValue");
    names.insert(OverCapacityRole, "overCapacity");
    names.insert(OnlineRole, "online");
    names.insert(StatusSinceRole, "statusSince");
    names.insert(ActiveSessionsRole, "activeSessions");
    names.insert(MaxCustomersRole, "maxCustomers");
    names.insert(HasOverrideRole, "hasOverride");
    names.insert(LoadRole, "load");
    return names;
}

} // namespace hb::cc
