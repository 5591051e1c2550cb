#include "ReportWriter.h"

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

} // namespace

QString ReportWriter::markdown(const Context &c, const QList<FloorResult> &floors,
                               const QList<PairingResult> &pairings)
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
                          "(load generator and servers share it)\n\n")
               .arg(c.cores)
               .arg(c.loadBefore, c.loadAfter);

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
    out += QLatin1Char('\n');
    return out;
}

} // namespace hb::bench
