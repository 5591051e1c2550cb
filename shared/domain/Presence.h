#pragma once

#include <QString>

#include <optional>

namespace hb {

enum class PresenceStatus { Offline, Online };

// Why an online interval ended. Stored with the interval in PostgreSQL and pushed to the app
// when the server (not the mitra) made the change.
enum class OfflineReason {
    Manual,           // the mitra switched itself offline
    HeartbeatTimeout, // heartbeats stopped for heartbeat_timeout_s
    ServerShutdown,   // the instance holding the mitra's connection stopped cleanly
    Forced,           // staff took the mitra offline
    Reconciled,       // closed when live state was repaired from the log: the exact end was
                      // lost with an instance that crashed before logging it
};

QString toString(PresenceStatus status);
std::optional<PresenceStatus> presenceStatusFromString(const QString &text);

QString toString(OfflineReason reason);
std::optional<OfflineReason> offlineReasonFromString(const QString &text);

} // namespace hb
