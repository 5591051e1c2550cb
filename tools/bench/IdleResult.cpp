#include "IdleResult.h"

#include <cmath>

namespace hb::bench {

namespace {
double round1(double v)
{
    return std::round(v * 10.0) / 10.0;
}
} // namespace

QJsonObject IdleResult::toJson() const
{
    QJsonObject object{{QStringLiteral("scenario"), QStringLiteral("idle")},
                       {QStringLiteral("requested"), requested},
                       {QStringLiteral("held"), held},
                       {QStringLiteral("online"), online},
                       {QStringLiteral("window_s"), round1(windowSeconds)},
                       {QStringLiteral("heartbeats_per_s"), round1(heartbeatsPerSecond)},
                       {QStringLiteral("rss_kib"), rssKiB},
                       {QStringLiteral("rss_per_connection_kib"), round1(rssPerConnectionKiB)},
                       {QStringLiteral("cpu_percent"), round1(cpuPercent)},
                       {QStringLiteral("idle_cpu_percent"), round1(idleCpuPercent)},
                       {QStringLiteral("cpu_us_per_heartbeat"), round1(cpuUsPerHeartbeat)},
                       {QStringLiteral("holders_cpu_percent"), round1(holdersCpuPercent)}};
    if (valkeyCpuPercent >= 0)
        object.insert(QStringLiteral("valkey_cpu_percent"), round1(valkeyCpuPercent));
    heartbeatRtt.addTo(object, QStringLiteral("heartbeat_rtt_"));
    if (!note.isEmpty())
        object.insert(QStringLiteral("note"), note);
    return object;
}

} // namespace hb::bench
