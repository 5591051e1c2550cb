#pragma once

#include "domain/CapacityRule.h"
#include "domain/Presence.h"

#include <QList>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace hb {

// One row of the `mitras` list in a `stats` message.
struct MitraStats
{
    QString id;
    QString name;
    PresenceStatus status = PresenceStatus::Offline;
    int activeSessions = 0;
    int maxCustomers = 0; // the effective capacity
    CapacitySource capacitySource = CapacitySource::Global;
    // When `status` began; empty when the live state lost it (addition).
    std::optional<qint64> statusSinceMs = std::nullopt;
    bool overCapacity = false; // activeSessions > maxCustomers: capacity was lowered (addition)

    friend bool operator==(const MitraStats &, const MitraStats &) = default;
};

// What the control center's dashboard shows: the content of a `stats` message.
struct StatsSnapshot
{
    qint64 atMs = 0;
    int activeChats = 0;
    int activeMitras = 0;
    int pendingRequests = 0;
    QList<MitraStats> mitras;
    std::optional<int> defaultMaxCustomers = std::nullopt; // the global capacity (addition)

    friend bool operator==(const StatsSnapshot &, const StatsSnapshot &) = default;
};

} // namespace hb
