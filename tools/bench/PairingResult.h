#pragma once

#include "LatencySummary.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace hb::bench {

// One pairing phase (light or sustained) at one number of online mitras.
struct PairingResult
{
    QString scenario; // "light" (one request in flight) or "sustained"
    QString label;    // --label, or the strategy if the server told it
    int mitras = 0;
    int inFlight = 0;   // customers requesting at once
    double seconds = 0; // the measured window
    double pairingsPerSecond = 0;
    // CPU this process (the load generator) used over the window, in % of one core: on a
    // small machine it competes with the servers it measures.
    double benchCpuPercent = 0;
    LatencySummary total; // request sent -> session.started
    // Stages, from request sent: pairing.searching, first offer at any mitra, the winner's
    // session.assigned, the customer's pairing.found.
    LatencySummary searching;
    LatencySummary firstOffer;
    LatencySummary assigned;
    LatencySummary found;
    LatencySummary heartbeatRtt; // heartbeat -> heartbeat.ack with this phase's sockets open
    qint64 completedAll = 0;     // every pairing of the phase, warm-up and drain included
    qint64 offers = 0;           // counted over the same pairings as completedAll
    qint64 acceptsLost = 0;
    qint64 failed = 0;
    qint64 timeouts = 0;
    QMap<QString, qint64> acceptRefusals; // by error code; acceptsLost is their sum
    QMap<QString, qint64> failedReasons;  // pairing.failed by reason
    QMap<QString, qint64> errors;
    QString customerInstance;
    QString mitraInstance;
    // The servers' own use over the measured window (when their pids were given).
    struct ServerUse
    {
        QString name;
        double cpuPercent = 0; // of one core
        qint64 rssKiB = 0;     // at the end of the window
    };
    QList<ServerUse> servers;
    // Durable-log writes queued in each instance (customers', mitras') when the window ended,
    // and how long after it both had committed everything (-1: unknown / not within the bound).
    // A sustained rate whose backlog keeps growing is not sustainable for the durable log.
    QList<int> postgresBacklog;
    double catchUpSeconds = -1;
    QString note; // e.g. "phase time limit reached"

    qint64 errorCount() const;
    QJsonObject toJson() const;
};

} // namespace hb::bench
