#include "PresenceTimelineModel.h"

#include "Durations.h"
#include "RowSync.h"

#include <QDateTime>
#include <algorithm>
#include <limits>

namespace hb::cc {

namespace {

QString reasonText(const QString &reason)
{
    // The server's reasons (docs/protocol.md, presence.history); unknown ones show as sent.
    if (reason == QLatin1String("manual"))
        return PresenceTimelineModel::tr("Went offline");
    if (reason == QLatin1String("heartbeat_timeout"))
        return PresenceTimelineModel::tr("Connection lost");
    if (reason == QLatin1String("server_shutdown"))
        return PresenceTimelineModel::tr("Server restarted");
    if (reason == QLatin1String("forced"))
        return PresenceTimelineModel::tr("Taken offline by staff");
    if (reason == QLatin1String("reconciled"))
        return PresenceTimelineModel::tr("Closed after a server failure");
    return reason;
}

} // namespace

PresenceTimelineModel::PresenceTimelineModel(QObject *parent) : QAbstractTableModel(parent) {}

void PresenceTimelineModel::setClockOffsetMs(qint64 offsetMs)
{
    m_clockOffsetMs = offsetMs;
}

qint64 PresenceTimelineModel::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_clockOffsetMs;
}

void PresenceTimelineModel::setRange(const QString &mitraId, qint64 fromMs, qint64 toMs)
{
    if (toMs < fromMs)
        std::swap(fromMs, toMs);
    if (mitraId != m_mitraId || fromMs != m_fromMs || toMs != m_toMs) {
        // Another question: the old answer does not apply, even partly.
        if (!m_rows.isEmpty()) {
            beginRemoveRows({}, 0, int(m_rows.size()) - 1);
            m_rows.clear();
            endRemoveRows();
        }
        m_mitraId = mitraId;
        m_fromMs = fromMs;
        m_toMs = toMs;
    }
    if (!mitraId.isEmpty())
        emit historyRequested(mitraId, fromMs, toMs);
}

void PresenceTimelineModel::applyHistory(const QString &mitraId, qint64 fromMs, qint64 toMs,
                                         const QList<PresenceInterval> &intervals)
{
    if (mitraId != m_mitraId || fromMs != m_fromMs || toMs != m_toMs)
        return; // an answer to an earlier question
    RowSync<PresenceInterval, qint64> sync;
    sync.key = [](const PresenceInterval &i) { return i.onlineAtMs; };
    sync.less = [](const PresenceInterval &a, const PresenceInterval &b) {
        return a.onlineAtMs < b.onlineAtMs;
    };
    sync.same = [](const PresenceInterval &a, const PresenceInterval &b) {
        return a.mitraId == b.mitraId && a.onlineAtMs == b.onlineAtMs &&
               a.offlineAtMs == b.offlineAtMs && a.reason == b.reason;
    };
    sync.beginRemove = [this](int first, int last) { beginRemoveRows({}, first, last); };
    sync.endRemove = [this] { endRemoveRows(); };
    sync.beginInsert = [this](int first, int last) { beginInsertRows({}, first, last); };
    sync.endInsert = [this] { endInsertRows(); };
    sync.changed = [this](int first, int last) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    };
    QList<PresenceInterval> sorted = intervals;
    std::stable_sort(sorted.begin(), sorted.end(), sync.less);
    sync.apply(m_rows, sorted);
}

qint64 PresenceTimelineModel::clippedStart(const PresenceInterval &interval) const
{
    return std::clamp(interval.onlineAtMs, m_fromMs, m_toMs);
}

qint64 PresenceTimelineModel::clippedEnd(const PresenceInterval &interval) const
{
    const qint64 end = interval.offlineAtMs.value_or(std::min(nowMs(), m_toMs));
    return std::clamp(end, clippedStart(interval), m_toMs);
}

qint64 PresenceTimelineModel::onlineMsInRange() const
{
    qint64 total = 0;
    for (const PresenceInterval &i : m_rows)
        total += clippedEnd(i) - clippedStart(i);
    return total;
}

int PresenceTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PresenceTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PresenceTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PresenceInterval &i = m_rows[index.row()];
    const double span = double(std::max<qint64>(1, m_toMs - m_fromMs));
    const qint64 now = nowMs();
    switch (role) {
    case OnlineAtRole:
        return i.onlineAtMs;
    case OfflineAtRole:
        return i.offlineAtMs ? QVariant(*i.offlineAtMs) : QVariant();
    case StartFractionRole:
        return double(clippedStart(i) - m_fromMs) / span;
    case EndFractionRole:
        return double(clippedEnd(i) - m_fromMs) / span;
    case IsOpenRole:
        return i.isOpen();
    case ReasonRole:
        return i.reason;
    case SortRole:
        switch (index.column()) {
        case OnlineAtColumn:
            return i.onlineAtMs;
        case OfflineAtColumn:
            return i.offlineAtMs.value_or(std::numeric_limits<qint64>::max());
        case DurationColumn:
            return clippedEnd(i) - clippedStart(i);
        case ReasonColumn:
            return i.reason;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case OnlineAtColumn:
            return formatServerTime(i.onlineAtMs, now);
        case OfflineAtColumn:
            return i.offlineAtMs ? formatServerTime(*i.offlineAtMs, now) : tr("Still online");
        case DurationColumn:
            return formatDuration(clippedEnd(i) - clippedStart(i));
        case ReasonColumn:
            return reasonText(i.reason);
        }
        return {};
    default:
        return {};
    }
}

QVariant PresenceTimelineModel::headerData(int section, Qt::Orientation orientation,
                                           int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OnlineAtColumn:
        return tr("Online from");
    case OfflineAtColumn:
        return tr("Until");
    case DurationColumn:
        return tr("Duration");
    case ReasonColumn:
        return tr("Ended because");
    }
    return {};
}

QHash<int, QByteArray> PresenceTimelineModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(OnlineAtRole, "onlineAt");
    names.insert(OfflineAtRole, "offlineAt");
    names.insert(StartFractionRole, "startFraction");
    names.insert(EndFractionRole, "endFraction");
    names.insert(IsOpenRole, "isOpen");
    names.insert(ReasonRole, "reason");
    names.insert(SortRole, "sortValue");
    return names;
}

} // namespace hb::cc
