#include "Presence.h"

namespace hb {

QString toString(PresenceStatus status)
{
    return status == PresenceStatus::Online ? QStringLiteral("online") : QStringLiteral("offline");
}

std::optional<PresenceStatus> presenceStatusFromString(const QString &text)
{
    if (text == QLatin1String("online"))
        return PresenceStatus::Online;
    if (text == QLatin1String("offline"))
        return PresenceStatus::Offline;
    return std::nullopt;
}

QString toString(OfflineReason reason)
{
    switch (reason) {
    case OfflineReason::Manual:
        return QStringLiteral("manual");
    case OfflineReason::HeartbeatTimeout:
        return QStringLiteral("heartbeat_timeout");
    case OfflineReason::ServerShutdown:
        return QStringLiteral("server_shutdown");
    case OfflineReason::Forced:
        return QStringLiteral("forced");
    case OfflineReason::Reconciled:
        return QStringLiteral("reconciled");
    }
    return {};
}

std::optional<OfflineReason> offlineReasonFromString(const QString &text)
{
    for (auto r : {OfflineReason::Manual, OfflineReason::HeartbeatTimeout,
                   OfflineReason::ServerShutdown, OfflineReason::Forced,
                   OfflineReason::Reconciled}) {
        if (text == toString(r))
            return r;
    }
    return std::nullopt;
}

} // namespace hb
