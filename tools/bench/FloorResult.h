#pragma once

#include "LatencySummary.h"

#include <QJsonObject>
#include <QString>

namespace hb::bench {

// One floor: the cheapest round trip of some kind on this machine, measured one at a time.
struct FloorResult
{
    QString id;          // e.g. "ws_echo_local", for the JSON line
    QString description; // for the table
    LatencySummary latency;
    QString error; // empty when measured

    QJsonObject toJson() const;
};

} // namespace hb::bench
