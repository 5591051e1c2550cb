#include "LatencyRecorder.h"

#include <algorithm>
#include <cmath>

namespace hb::bench {

double LatencyRecorder::percentileMs(double percent) const
{
    if (m_samples.isEmpty())
        return 0;
    // Sorting lazily keeps add() cheap inside the measured event handlers.
    if (m_sortedCount != m_samples.size()) {
        std::sort(m_samples.begin(), m_samples.end());
        m_sortedCount = m_samples.size();
    }
    const auto n = m_samples.size();
    auto rank = qsizetype(std::ceil(percent / 100.0 * double(n)));
    rank = std::clamp<qsizetype>(rank, 1, n);
    return double(m_samples.at(rank - 1)) / 1e6;
}

double LatencyRecorder::maxMs() const
{
    return percentileMs(100);
}

double LatencyRecorder::meanMs() const
{
    if (m_samples.isEmpty())
        return 0;
    long double sum = 0;
    for (qint64 sample : std::as_const(m_samples))
        sum += sample;
    return double(sum / m_samples.size()) / 1e6;
}

} // namespace hb::bench
