#pragma once

#include <QList>
#include <QtGlobal>

namespace hb::bench {

// Latency samples in nanoseconds and their order statistics. Percentiles use the nearest-rank
// definition (p99 of 200 samples is the 198th smallest), so every reported figure is a latency
// that was actually observed.
class LatencyRecorder
{
public:
    void add(qint64 ns) { m_samples.append(ns); }
    void clear() { m_samples.clear(); }
    qsizetype count() const { return m_samples.size(); }

    // In milliseconds; 0 without samples.
    double percentileMs(double percent) const;
    double maxMs() const;
    double meanMs() const;

private:
    mutable QList<qint64> m_samples;
    mutable qsizetype m_sortedCount = 0;
};

} // namespace hb::bench
