#include "ReportWriter.h"

#include "EventDispatcher.h"

namespace hb::bench {

namespace {

QString ms(double value)
{
    return QString::number(value, 'f', value < 1 ? 3 : value < 10 ? 2 : 1);
}

QString times(double value, double floor)
{
    return floor > 0 && value > 0 ? QString::number(value / floor, 'f', 1) + QStringLiteral("×")
                                  : QStringLiteral("–");
}

QString problems(const PairingResult &r)
{
    QString text = QStringLiteral("%1 / %2 / %3").arg(r.failed).arg(r.timeouts).arg(r.errorCount());
    if (!r.note.isEmpty())
        text += QStringLiteral(" (") + r.note + QStringLiteral(")");
    return text;
}


QString mib(qint64 kib)
{
    return QString::number(double(kib) / 1024.0, 'f', 1);
}

QString idleTable(const QList<IdleResult> &idle)
{
    QString out = QStringLiteral(
        "### Idle connections: mitras online, heartbeating, on one instance\n\n"
        "| mitras held | heartbeats/s | instance RSS MiB | RSS per connection KiB | instance CPU | "
        "CPU per heartbeat µs | Valkey CPU | load generator CPU | heartbeat RTT p50 ms | p99 ms "
        "| note |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (const IdleResult &r : idle) {
        const bool baseline = r.requested == 0;
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 | %11 |\n")
                   .arg(baseline ? QStringLiteral("0 (baseline)") : QString::number(r.held))
                   .arg(QString::number(r.heartbeatsPerSecond, 'f', 0), mib(r.rssKiB),
                        baseline ? QStringLiteral("–")
                                 : QString::number(r.rssPerConnectionKiB, 'f', 1),
                        QString::number(r.cpuPercent, 'f', 1) + QLatin1Char('%'),
                        baseline ? QStringLiteral("–")
                                 : QString::number(r.cpuUsPerHeartbeat, 'f', 0),
                        r.valkeyCpuPercent >= 0
                            ? QString::number(r.valkeyCpuPercent, 'f', 1) + QLatin1Char('%')
                            : QStringLiteral("–"),
                        QString::number(r.holdersCpuPercent, 'f', 1) + QLatin1Char('%'),
                        ms(r.heartbeatRtt.p50))
                   .arg(ms(r.heartbeatRtt.p99), r.note.isEmpty() ? QStringLiteral(" ") : r.note);
    }
    return out + QLatin1Char('\n');
}



QString serverTable(const QList<PairingResult> &pairings)
{
    QStringList names;
    for (const PairingResult &r : pairings)
        for (const auto &use : r.servers)
            if (!names.contains(use.name))
                names << use.name;
    if (names.isEmpty())
        return QString();
    QString out = QStringLiteral("\n### Server CPU (% of one core) and resident memory over each "
                                 "measured window\n\n| run | phase | mitras | pairings/s |");
    QString rule = QStringLiteral("|---|---|---:|---:|");
    for (const QString &name : std::as_const(names)) {
        out += QStringLiteral(" %1 CPU | %1 MiB |").arg(name);
        rule += QStringLiteral("---:|---:|");
    }
    out += QStringLiteral(" PostgreSQL backlog at end (jobs) | durable log caught up after |");
    rule += QStringLiteral("---:|---:|");
    out += QLatin1Char('\n') + rule + QLatin1Char('\n');
    for (const PairingResult &r : pairings) {
        out += QStringLiteral("| %1 | %2 | %3 | %4 |")
                   .arg(r.label.isEmpty() ? QStringLiteral("–") : r.label, r.scenario)
                   .arg(r.mitras)
                   .arg(QString::number(r.pairingsPerSecond, 'f', 1));
        for (const QString &name : std::as_const(names)) {
            QString cpu = QStringLiteral("–"), rss = QStringLiteral("–");
            for (const auto &use : r.servers)
                if (use.name == name) {
                    cpu = QString::number(use.cpuPercent, 'f', 0) + QLatin1Char('%');
                    rss = mib(use.rssKiB);
                }
            out += QStringLiteral(" %1 | %2 |").arg(cpu, rss);
        }
        QStringList backlog;
        for (int n : r.postgresBacklog)
            backlog << (n >= 0 ? QString::number(n) : QStringLiteral("?"));
        out += QStringLiteral(" %1 | %2 |")
                   .arg(backlog.isEmpty() ? QStringLiteral("–") : backlog.join(QStringLiteral(" / ")),
                        r.postgresBacklog.isEmpty() ? QStringLiteral("–")
                        : r.catchUpSeconds >= 0
                            ? QString::number(r.catchUpSeconds, 'f', 1) + QStringLiteral(" s")
                            : QStringLiteral("> 120 s"));
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace

QString ReportWriter::markdown(const Context &c, const QList<FloorResult> &floors,
                               const QList<PairingResult> &pairings, const QList<IdleResult> &idle)
{
    QString out;
    out += QStringLiteral("## halobestie-bench %1 (run %2, %3)\n\n")
               .arg(c.label.isEmpty() ? QString()
                                      : QStringLiteral("`") + c.label + QStringLiteral("`"),
                    c.runId, c.startedAt);
    out += QStringLiteral("- customers → %1; mitras → %2\n").arg(c.customerUrl, c.mitraUrl);
    if (!pairings.isEmpty())
        out += QStringLiteral("- instances: customers on `%1`, mitras on `%2`\n")
                   .arg(pairings.first().customerInstance, pairings.first().mitraInstance);
    out += QStringLiteral("- machine: %1 cores; load average %2 before, %3 after "
                          "(load generator and servers share it)\n")
               .arg(c.cores)
               .arg(c.loadBefore, c.loadAfter);
    out += QStringLiteral("- event dispatcher of this bench: %1 (HALOBESTIE_EVENT_DISPATCHER)\n\n")
               .arg(eventDispatcherName());

    double echoP50 = 0;
    if (!floors.isEmpty()) {
        out += QStringLiteral("### Floors: one round trip at a time\n\n"
                              "| floor | samples | p50 ms | p95 ms | p99 ms | max ms |\n"
                              "|---|---:|---:|---:|---:|---:|\n");
        for (const FloorResult &f : floors) {
            if (f.id == QLatin1String("ws_echo_local"))
                echoP50 = f.latency.p50;
            if (!f.error.isEmpty()) {
                out +=
                    QStringLiteral("| %1 | – | failed: %2 | | | |\n").arg(f.description, f.error);
                continue;
            }
            out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                       .arg(f.description)
                       .arg(f.latency.count)
                       .arg(ms(f.latency.p50), ms(f.latency.p95), ms(f.latency.p99),
                            ms(f.latency.max));
        }
        out += QLatin1Char('\n');
    }

    if (!idle.isEmpty())
        out += idleTable(idle);
    if (pairings.isEmpty())
        return out;
    out += QStringLiteral(
        "### Pairing: `pairing.request` sent → `session.started` received, instant accepts\n\n"
        "| run | phase | mitras | in flight | pairings | pairings/s | p50 ms | p95 ms | p99 ms | "
        "max ms | p50 ÷ heartbeat RTT | p50 ÷ Qt echo | failed / timeouts / errors |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (const PairingResult &r : pairings) {
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 | %11 | %12 | "
                              "%13 |\n")
                   .arg(r.label.isEmpty() ? QStringLiteral("–") : r.label, r.scenario)
                   .arg(r.mitras)
                   .arg(r.inFlight)
                   .arg(r.total.count)
                   .arg(QString::number(r.pairingsPerSecond, 'f', 1))
                   .arg(ms(r.total.p50), ms(r.total.p95), ms(r.total.p99), ms(r.total.max),
                        times(r.total.p50, r.heartbeatRtt.p50), times(r.total.p50, echoP50),
                        problems(r));
    }
    out += QStringLiteral(
        "\n### Where the time goes: p50 ms from `pairing.request` sent\n\n"
        "| run | phase | mitras | heartbeat RTT | `pairing.searching` | first `offer` | "
        "winner's `session.assigned` | `pairing.found` | `session.started` | offers / pairing | "
        "refused accepts / pairing | bench CPU |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const PairingResult &r : pairings) {
        const double completed = double(qMax<qint64>(1, r.completedAll));
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 | %11 | %12 |\n")
                   .arg(r.label.isEmpty() ? QStringLiteral("–") : r.label, r.scenario)
                   .arg(r.mitras)
                   .arg(ms(r.heartbeatRtt.p50), ms(r.searching.p50), ms(r.firstOffer.p50),
                        ms(r.assigned.p50), ms(r.found.p50), ms(r.total.p50))
                   .arg(QString::number(double(r.offers) / completed, 'f', 1),
                        QString::number(double(r.acceptsLost) / completed, 'f', 1),
                        QString::number(r.benchCpuPercent, 'f', 0) + QLatin1Char('%'));
    }
    out += serverTable(pairings);
    out += QLatin1Char('\n');
    return out;
}

} // namespace hb::bench
