#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace hb {

// One online period of a mitra, as logged durably. Times are milliseconds since the Unix epoch
// (UTC): the protocol speaks milliseconds, and (mitra, online_at) identifies the interval, so
// the value must survive every round trip exactly.
struct PresenceInterval
{
    QString mitraId;
    qint64 onlineAtMs = 0;
    std::optional<qint64> offlineAtMs; // empty while the interval is open
    QString reason;                    // an OfflineReason string; empty while open

    bool isOpen() const { return !offlineAtMs.has_value(); }
};

} // namespace hb
