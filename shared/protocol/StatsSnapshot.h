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
    // When the current status began; empty when the live state does not know (a mitra whose
    // state was rebuilt from the durable log before its app was heard from again).
    std::optional<qint64> statusSinceMs = std::nullopt;

    // Above its capacity (staff lowered it below the running sessions): derived, so it can never
    // disagree with the two numbers it compares.
    bool overCapacity() const { return isOverCapacity(activeSessions, maxCustomers); }

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
    int defaultMaxCustomers = 0; // the global capacity (what capacity_source "global" means)

    friend bool operator==(const StatsSnapshot &, const StatsSnapshot &) = default;
};

} // namespace hb
