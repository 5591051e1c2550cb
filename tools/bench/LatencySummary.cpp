#include "LatencySummary.h"

#include "LatencyRecorder.h"

#include <cmath>

namespace hb::bench {

namespace {

// Microsecond resolution is plenty for JSON and keeps the lines readable.
double rounded(double ms)
{
    return std::round(ms * 1000.0) / 1000.0;
}

} // namespace

LatencySummary LatencySummary::of(const LatencyRecorder &recorder)
{
    LatencySummary s;
    s.count = recorder.count();
    s.p50 = recorder.percentileMs(50);
    s.p95 = recorder.percentileMs(95);
    s.p99 = recorder.percentileMs(99);
    s.max = recorder.maxMs();
    s.mean = recorder.meanMs();
    return s;
}

void LatencySummary::addTo(QJsonObject &object, const QString &prefix) const
{
    object.insert(prefix + QStringLiteral("count"), qint64(count));
    object.insert(prefix + QStringLiteral("p50_ms"), rounded(p50));
    object.insert(prefix + QStringLiteral("p95_ms"), rounded(p95));
    object.insert(prefix + QStringLiteral("p99_ms"), rounded(p99));
    object.insert(prefix + QStringLiteral("max_ms"), rounded(max));
    object.insert(prefix + QStringLiteral("mean_ms"), rounded(mean));
}

} // namespace hb::bench
