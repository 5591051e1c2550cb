#pragma once

#include "protocol/StatsSnapshot.h"

#include <QAbstractTableModel>
#include <QTimer>
#include <deque>
#include <optional>

namespace hb::cc {

// The dashboard figures over a sliding window (default: the last hour), one row per sample,
// oldest first, for line charts (QVXYModelMapper: x = TimeColumn, y = any figure column).
// A sample is taken when a stats push arrives (at most one per sample interval) and, between
// pushes, every sample interval from the last stats seen, so the chart keeps moving when nothing
// changes. Rows older than the window are removed from the top, so memory stays bounded
// (window / interval rows, 720 by default).
class DashboardHistory : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,            // double: ms since the epoch (for QDateTimeAxis)
        ActiveChatsColumn,     // int
        OnlineMitrasColumn,    // int
        PendingRequestsColumn, // int
        AvgCustomersColumn,    // double: sessions of online mitras per online mitra (0 if none)
        MaxCustomersColumn,    // int: the most open sessions any mitra carries
        ColumnCount
    };
    Q_ENUM(Column)

    struct Sample
    {
        qint64 atMs = 0;
        int activeChats = 0;
        int onlineMitras = 0;
        int pendingRequests = 0;
        double avgCustomersPerMitra = 0;
        int maxCustomersPerMitra = 0;

        static Sample from(const StatsSnapshot &stats, qint64 atMs);
        friend bool operator==(const Sample &, const Sample &) = default;
    };

    explicit DashboardHistory(QObject *parent = nullptr);

    // Defaults: window 1 h, interval 5 s. Changing them keeps existing samples.
    void setWindowMs(qint64 windowMs);
    void setSampleIntervalMs(int intervalMs);
    qint64 windowMs() const { return m_windowMs; }
    int sampleIntervalMs() const { return m_intervalMs; }
    // Timer-driven sampling between pushes; on by default. Tests drive sample() themselves.
    void setAutoSample(bool on);

    // A push: samples now (local clock, or `nowMs` when >= 0) unless one was just taken.
    void addStats(const StatsSnapshot &stats, qint64 nowMs = -1);
    void sample(qint64 nowMs);  // records the last stats seen at `nowMs` (nothing before stats)
    void clear();
    // While disconnected there are no figures: sampling pauses (the chart shows a gap).
    void setPaused(bool paused);

    std::optional<Sample> latest() const;
    const Sample &sampleAt(int row) const { return m_samples.at(size_t(row)); }
    // Largest value of a figure column within the window (for the chart's y axis).
    double maxOf(Column column) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void sampled(const hb::cc::DashboardHistory::Sample &sample);

private:
    void append(const Sample &sample);
    void dropOlderThan(qint64 cutoffMs);
    static double value(const Sample &sample, int column);

    std::deque<Sample> m_samples;
    std::optional<StatsSnapshot> m_last;
    qint64 m_windowMs = 60 * 60 * 1000;
    int m_intervalMs = 5000;
    bool m_paused = false;
    QTimer m_timer;
};

} // namespace hb::cc
