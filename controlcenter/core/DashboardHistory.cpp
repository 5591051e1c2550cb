#include "DashboardHistory.h"

#include <QDateTime>
#include <algorithm>

namespace hb::cc {

DashboardHistory::Sample DashboardHistory::Sample::from(const StatsSnapshot &stats, qint64 atMs)
{
    Sample s;
    s.atMs = atMs;
    s.activeChats = stats.activeChats;
    s.onlineMitras = stats.activeMitras;
    s.pendingRequests = stats.pendingRequests;
    int onlineSessions = 0;
    for (const MitraStats &m : stats.mitras) {
        s.maxCustomersPerMitra = std::max(s.maxCustomersPerMitra, m.activeSessions);
        if (m.status == PresenceStatus::Online)
            onlineSessions += m.activeSessions;
    }
    // Per online mitra: the load of those who can take customers (offline mitras still
    // finishing sessions would otherwise make the average look better than it is).
    s.avgCustomersPerMitra =
        s.onlineMitras > 0 ? double(onlineSessions) / double(s.onlineMitras) : 0.0;
    return s;
}

DashboardHistory::DashboardHistory(QObject *parent) : QAbstractTableModel(parent)
{
    m_timer.setInterval(m_intervalMs);
    connect(&m_timer, &QTimer::timeout, this,
            [this] { sample(QDateTime::currentMSecsSinceEpoch()); });
    m_timer.start();
}

void DashboardHistory::setWindowMs(qint64 windowMs)
{
    m_windowMs = std::max<qint64>(1000, windowMs);
    if (!m_samples.empty())
        dropOlderThan(m_samples.back().atMs - m_windowMs);
}

void DashboardHistory::setSampleIntervalMs(int intervalMs)
{
    m_intervalMs = std::max(10, intervalMs);
    m_timer.setInterval(m_intervalMs);
}

void DashboardHistory::setAutoSample(bool on)
{
    if (on)
        m_timer.start();
    else
        m_timer.stop();
}

void DashboardHistory::addStats(const StatsSnapshot &stats, qint64 nowMs)
{
    m_last = stats;
    // Stats pushes come up to 10 per second: a chart over an hour needs far fewer points. The
    // latest figures are always in m_last, so the next sample shows them.
    const qint64 now = nowMs >= 0 ? nowMs : QDateTime::currentMSecsSinceEpoch();
    if (m_samples.empty() || now - m_samples.back().atMs >= m_intervalMs)
        sample(now);
}

void DashboardHistory::sample(qint64 nowMs)
{
    if (!m_last || m_paused)
        return;
    if (!m_samples.empty() && nowMs <= m_samples.back().atMs)
        return; // time must move forward for a line chart
    append(Sample::from(*m_last, nowMs));
}

void DashboardHistory::setPaused(bool paused)
{
    m_paused = paused;
    if (paused)
        m_last.reset(); // figures from before the gap must not be drawn after it
}

void DashboardHistory::clear()
{
    m_last.reset();
    if (m_samples.empty())
        return;
    beginRemoveRows({}, 0, int(m_samples.size()) - 1);
    m_samples.clear();
    endRemoveRows();
}

std::optional<DashboardHistory::Sample> DashboardHistory::latest() const
{
    if (m_samples.empty())
        return std::nullopt;
    return m_samples.back();
}

double DashboardHistory::maxOf(Column column) const
{
    double max = 0;
    for (const Sample &s : m_samples)
        max = std::max(max, value(s, column));
    return max;
}

void DashboardHistory::append(const Sample &sample)
{
    dropOlderThan(sample.atMs - m_windowMs);
    const int row = int(m_samples.size());
    beginInsertRows({}, row, row);
    m_samples.push_back(sample);
    endInsertRows();
    emit sampled(sample);
}

void DashboardHistory::dropOlderThan(qint64 cutoffMs)
{
    size_t n = 0;
    while (n < m_samples.size() && m_samples[n].atMs < cutoffMs)
        ++n;
    if (n == 0)
        return;
    beginRemoveRows({}, 0, int(n) - 1);
    m_samples.erase(m_samples.begin(), m_samples.begin() + qsizetype(n));
    endRemoveRows();
}

double DashboardHistory::value(const Sample &s, int column)
{
    switch (column) {
    case TimeColumn:
        return double(s.atMs);
    case ActiveChatsColumn:
        return s.activeChats;
    case OnlineMitrasColumn:
        return s.onlineMitras;
    case PendingRequestsColumn:
        return s.pendingRequests;
    case AvgCustomersColumn:
        return s.avgCustomersPerMitra;
    case MaxCustomersColumn:
        return s.maxCustomersPerMitra;
    }
    return 0;
}

int DashboardHistory::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_samples.size());
}

int DashboardHistory::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DashboardHistory::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const Sample &s = m_samples[size_t(index.row())];
    switch (index.column()) {
    case TimeColumn:
        return double(s.atMs);
    case AvgCustomersColumn:
        return s.avgCustomersPerMitra;
    default:
        return int(value(s, index.column()));
    }
}

QVariant DashboardHistory::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActiveChatsColumn:
        return tr("Active chats");
    case OnlineMitrasColumn:
        return tr("Online mitras");
    case PendingRequestsColumn:
        return tr("Pending requests");
    case AvgCustomersColumn:
        return tr("Avg customers per mitra");
    case MaxCustomersColumn:
        return tr("Max customers per mitra");
    }
    return {};
}

} // namespace hb::cc
