#pragma once

#include "LatencySummary.h"

#include <QJsonObject>
#include <QString>

namespace hb::bench {

// One level of the idle phase: this many mitras online and heartbeating on one instance.
struct IdleResult
{
    int requested = 0;
    int held = 0;   // connections open when measured (requested, unless a limit stood in between)
    int online = 0; // of which confirmed online
    double windowSeconds = 0;
    double heartbeatsPerSecond = 0; // held / the heartbeat interval
    qint64 rssKiB = 0;              // the instance's VmRSS at this level
    double rssPerConnectionKiB = 0; // (rss - rss with no idle connection) / held
    double cpuPercent = 0;          // the instance, % of one core, over the window
    double idleCpuPercent = 0;      // the same with no idle connection (sweeps, timers)
    double cpuUsPerHeartbeat = 0;   // (cpu - idle cpu) / heartbeats in the window
    double valkeyCpuPercent = -1;   // -1: not measured
    double holdersCpuPercent = 0;   // the load generator's helper processes
    LatencySummary heartbeatRtt;    // one more connection's heartbeat round trip meanwhile
    QString note;                   // e.g. why fewer were held than requested

    QJsonObject toJson() const;
};

} // namespace hb::bench
