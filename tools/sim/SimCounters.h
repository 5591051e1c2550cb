#pragma once

#include "LatencyRecorder.h"

#include <QMap>
#include <QString>
#include <QtGlobal>

namespace hb::sim {

// Everything the simulated apps count, cumulative since start. The summary lines print these
// and their change since the previous line.
struct SimCounters
{
    qint64 requests = 0;
    qint64 started = 0;           // session.started received
    qint64 noIdleCustomer = 0;    // the pacer wanted a request but every customer was busy
    QMap<QString, qint64> failed; // pairing.failed by reason
    qint64 offers = 0;
    qint64 accepts = 0;
    qint64 acceptsWon = 0;
    qint64 acceptsRefused = 0; // conflict, capacity_full...: someone was faster
    qint64 declines = 0;
    QMap<QString, qint64> sessionsEnded; // by reason
    qint64 rerouted = 0;
    qint64 drops = 0;             // phones that dropped off (network lost or app frozen)
    qint64 heartbeatTimeouts = 0; // presence pushed offline by the server
    qint64 reconnects = 0;
    QMap<QString, qint64> errors; // unexpected error replies, by code
    QString lastDisconnect;       // why the latest unexpected disconnect happened, for people

    bench::LatencyRecorder pairing;         // request sent -> session.started, whole run
    bench::LatencyRecorder pairingInterval; // the same, since the last summary line

    qint64 failedTotal() const;
    qint64 errorsTotal() const;
};

} // namespace hb::sim
