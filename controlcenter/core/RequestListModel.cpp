#include "RequestListModel.h"

#include "Durations.h"
#include "RowSync.h"

#include <QDateTime>
#include <algorithm>

namespace hb::cc {

RequestListModel::RequestListModel(QObject *parent) : QAbstractTableModel(parent) {}

void RequestListModel::setClockOffsetMs(qint64 offsetMs)
{
    m_clockOffsetMs = offsetMs;
}

qint64 RequestListModel::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_clockOffsetMs;
}

void RequestListModel::applyRequests(const QList<RequestSummary> &openRequests)
{
    RowSync<RequestSummary, QString> sync;
    sync.key = [](const RequestSummary &r) { return r.requestId; };
    sync.less = [](const RequestSummary &a, const RequestSummary &b) {
        return a.createdAtMs != b.createdAtMs ? a.createdAtMs < b.createdAtMs
                                              : a.requestId < b.requestId;
    };
    sync.beginRemove = [this](int first, int last) { beginRemoveRows({}, first, last); };
    sync.endRemove = [this] { endRemoveRows(); };
    sync.beginInsert = [this](int first, int last) { beginInsertRows({}, first, last); };
    sync.endInsert = [this] { endInsertRows(); };
    sync.changed = [this](int first, int last) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    };
    QList<RequestSummary> sorted = openRequests;
    std::stable_sort(sorted.begin(), sorted.end(), sync.less);
    sync.apply(m_rows, sorted);
}

void RequestListModel::refreshWaited()
{
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, WaitedColumn), index(int(m_rows.size()) - 1, WaitedColumn),
                         {Qt::DisplayRole, WaitedMsRole, SortRole});
    }
}

void RequestListModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

qint64 RequestListModel::longestWaitMs() const
{
    // Oldest first: the first row waited longest.
    return m_rows.isEmpty() ? 0 : std::max<qint64>(0, nowMs() - m_rows.first().createdAtMs);
}

int RequestListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestSummary &r = m_rows[index.row()];
    const qint64 waited = std::max<qint64>(0, nowMs() - r.createdAtMs);
    switch (role) {
    case RequestIdRole:
        return r.requestId;
    case CustomerIdRole:
        return r.customer.id;
    case CreatedAtRole:
        return r.createdAtMs;
    case WaitedMsRole:
        return waited;
    case SortRole:
        switch (index.column()) {
        case CustomerColumn:
            return r.customer.name.toCaseFolded();
        case WaitedColumn:
            return waited;
        case OfferedToColumn:
            return r.offeredTo;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case CustomerColumn:
            return r.customer.name;
        case WaitedColumn:
            return formatDuration(waited);
        case OfferedToColumn:
            return r.offeredTo;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != CustomerColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant RequestListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CustomerColumn:
        return tr("Customer");
    case WaitedColumn:
        return tr("Waiting for");
    case OfferedToColumn:
        return tr("Offered to");
    }
    return {};
}

QHash<int, QByteArray> RequestListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RequestIdRole, "requestId");
    names.insert(CustomerIdRole, "customerId");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(WaitedMsRole, "waitedMs");
    names.insert(SortRole, "sortValue");
    return names;
}

} // namespace hb::cc
