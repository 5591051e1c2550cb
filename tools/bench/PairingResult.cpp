#include "PairingResult.h"

#include <QJsonArray>

#include <cmath>

namespace hb::bench {

qint64 PairingResult::errorCount() const
{
    qint64 n = 0;
    for (qint64 count : errors)
        n += count;
    return n;
}

QJsonObject PairingResult::toJson() const
{
    QJsonObject object{
        {QStringLiteral("scenario"), scenario},
        {QStringLiteral("label"), label},
        {QStringLiteral("mitras"), mitras},
        {QStringLiteral("in_flight"), inFlight},
        {QStringLiteral("seconds"), std::round(seconds * 1000.0) / 1000.0},
        {QStringLiteral("pairings_per_s"), std::round(pairingsPerSecond * 10.0) / 10.0},
        {QStringLiteral("completed_all"), completedAll},
        {QStringLiteral("offers"), offers},
        {QStringLiteral("bench_cpu_percent"), std::round(benchCpuPercent)},
        {QStringLiteral("accepts_lost"), acceptsLost},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("timeouts"), timeouts},
        {QStringLiteral("customer_instance"), customerInstance},
        {QStringLiteral("mitra_instance"), mitraInstance}};
    total.addTo(object);
    searching.addTo(object, QStringLiteral("searching_"));
    firstOffer.addTo(object, QStringLiteral("first_offer_"));
    assigned.addTo(object, QStringLiteral("assigned_"));
    found.addTo(object, QStringLiteral("found_"));
    heartbeatRtt.addTo(object, QStringLiteral("heartbeat_rtt_"));
    if (heartbeatRtt.p50 > 0)
        object.insert(QStringLiteral("p50_over_heartbeat_rtt"),
                      std::round(total.p50 / heartbeatRtt.p50 * 10.0) / 10.0);
    QJsonObject errorObject;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        errorObject.insert(it.key(), it.value());
    object.insert(QStringLiteral("errors"), errorObject);
    QJsonObject refusalObject;
    for (auto it = acceptRefusals.cbegin(); it != acceptRefusals.cend(); ++it)
        refusalObject.insert(it.key(), it.value());
    object.insert(QStringLiteral("accept_refusals"), refusalObject);
    QJsonObject failedObject;
    for (auto it = failedReasons.cbegin(); it != failedReasons.cend(); ++it)
        failedObject.insert(it.key(), it.value());
    object.insert(QStringLiteral("failed_reasons"), failedObject);
    QJsonObject serverObject;
    for (const ServerUse &use : servers)
        serverObject.insert(use.name, QJsonObject{{QStringLiteral("cpu_percent"),
                                                   std::round(use.cpuPercent * 10.0) / 10.0},
                                                  {QStringLiteral("rss_kib"), use.rssKiB}});
    if (!servers.isEmpty())
        object.insert(QStringLiteral("servers"), serverObject);
    if (!postgresBacklog.isEmpty()) {
        QJsonArray backlog;
        for (int n : postgresBacklog)
            backlog.append(n);
        object.insert(QStringLiteral("postgres_backlog_at_end"), backlog);
        object.insert(QStringLiteral("postgres_catch_up_s"), std::round(catchUpSeconds * 10.0) / 10.0);
    }
    if (!note.isEmpty())
        object.insert(QStringLiteral("note"), note);
    return object;
}

} // namespace hb::bench
