#pragma once

#include <QDateTime>

namespace hb {

// Counters for health checks and metrics, read with ValkeyClient::stats().
struct ValkeyClientStats
{
    quint64 commandsSent = 0;
    quint64 timeouts = 0;
    // Successful connections after the first one.
    quint64 reconnects = 0;
    // Commands waiting for their reply right now.
    quint64 pending = 0;
    // When the current connection became usable (UTC); invalid while disconnected.
    QDateTime connectedSince;
};

} // namespace hb
