#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

namespace hb::bench {

class LatencyRecorder;

// The figures reported for one latency distribution, in milliseconds.
struct LatencySummary
{
    qsizetype count = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;
    double mean = 0;

    static LatencySummary of(const LatencyRecorder &recorder);
    // {"<prefix>count":..,"<prefix>p50_ms":..,...}
    void addTo(QJsonObject &object, const QString &prefix = QString()) const;
};

} // namespace hb::bench
