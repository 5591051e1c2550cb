#include "BenchOptions.h"

#include <QHostAddress>

#include <climits>

namespace hb::bench {

namespace {

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Every count is bounded: these drive real connections against a real server.
bool readInt(const QString &text, int low, int high, int *out)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < low || value > high)
        return false;
    *out = value;
    return true;
}

} // namespace

QString BenchOptions::usage()
{
    return QStringLiteral(
        "Usage: halobestie-bench --url ws://127.0.0.1:PORT/v1/ws [--url "
        "ws://127.0.0.1:PORT2/v1/ws]\n"
        "                        --secret JWT_SECRET [options]\n"
        "Measures pairing latency and throughput of a RUNNING HaloBestie stack over its public\n"
        "WebSocket protocol, with simulated apps it creates itself (users bench-<run>-...).\n"
        "Meant for a throwaway stack on 127.0.0.1 (scripts/bench.sh starts one): it puts mitras\n"
        "online, creates and ends sessions, and refuses other hosts without --allow-remote.\n"
        "\n"
        "  --url URL            first: customers connect here; second (optional): mitras connect\n"
        "                       there, so every pairing crosses instances\n"
        "  --secret S           the server's HALOBESTIE_JWT_SECRET (default: that variable)\n"
        "  --valkey-url URL     also measure a bare Valkey EVALSHA round trip (redis://host:port)\n"
        "  --mitras N[,N...]    online mitras per population (default 10,50,100,1000)\n"
        "  --requests N         measured requests in the light phase (default 200)\n"
        "  --warmup N           unmeasured requests before them (default 10)\n"
        "  --concurrency N      customers requesting at once in the sustained phase (default 50)\n"
        "  --duration S         sustained phase length (default 10), after 2 s of warm-up\n"
        "  --request-timeout S  a request without session.started is cancelled (default 10)\n"
        "  --phase-timeout S    a light phase stops after this (default 180)\n"
        "  --floor-samples N    round trips per floor (default 500)\n"
        "  --max-seconds S      the whole run stops after this, cleanly (default 900)\n"
        "  --no-floors, --no-light, --no-sustained   skip a part\n"
        "  --backend-pid PID    the instance behind the first --url, then the second: its CPU\n"
        "                       and memory are reported per phase (same machine only)\n"
        "  --valkey-pid PID, --postgres-pid PID   the same for Valkey and PostgreSQL\n"
        "  --idle N[,N...]      idle connections instead of pairing: N mitras online and\n"
        "                       heartbeating on one instance, level by level (e.g.\n"
        "                       1000,5000,10000,20000); reports that instance's memory per\n"
        "                       connection and the CPU the heartbeats cost. Needs --backend-pid\n"
        "  --idle-url URL       the instance for --idle (default: the mitras' --url; its pid is\n"
        "                       the last --backend-pid)\n"
        "  --idle-window S      CPU measured over S seconds per level (default 30)\n"
        "  --idle-settle S      wait after a level is online before measuring (default 10)\n"
        "  --idle-per-process N connections per helper process (default 5000)\n"
        "  --label TEXT         names the run in the output (e.g. the server's strategy)\n"
        "  --json FILE          one JSON line per result into FILE (default: stderr)\n"
        "  --allow-remote       allow URLs that are not loopback\n"
        "Output: markdown tables on stdout. Exit code 0, 1 if a phase could not run, 2 for bad\n"
        "usage, 3 if interrupted or out of time.\n");
}

std::variant<BenchOptions, QString> BenchOptions::parse(const QStringList &arguments,
                                                        const QProcessEnvironment &environment)
{
    BenchOptions o;
    QList<QUrl> urls;
    bool allowRemote = false;
    o.secret = environment.value(QStringLiteral("HALOBESTIE_JWT_SECRET")).toUtf8();
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        auto value = [&](QString *out) {
            if (i + 1 >= arguments.size())
                return false;
            *out = arguments.at(++i);
            return true;
        };
        QString v;
        auto intOption = [&](int low, int high, int *out) {
            return value(&v) && readInt(v, low, high, out);
        };
        bool ok = true;
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help"))
            return QStringLiteral("help");
        else if (arg == QLatin1String("--url")) {
            ok = value(&v);
            const QUrl url(v);
            if (ok && (!url.isValid() || (url.scheme() != QLatin1String("ws") &&
                                          url.scheme() != QLatin1String("wss"))))
                return QStringLiteral("--url must be ws://HOST:PORT/v1/ws, got '%1'").arg(v);
            urls << url;
        } else if (arg == QLatin1String("--secret")) {
            ok = value(&v);
            o.secret = v.toUtf8();
        } else if (arg == QLatin1String("--valkey-url")) {
            ok = value(&v);
            o.valkeyUrl = QUrl(v);
        } else if (arg == QLatin1String("--mitras")) {
            ok = value(&v);
            o.mitraCounts.clear();
            const QStringList parts = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
            for (const QString &part : parts) {
                int n = 0;
                if (!readInt(part.trimmed(), 1, 20000, &n))
                    return QStringLiteral("--mitras takes counts from 1 to 20000, got '%1'").arg(v);
                o.mitraCounts << n;
            }
            ok = ok && !o.mitraCounts.isEmpty();
        } else if (arg == QLatin1String("--idle")) {
            ok = value(&v);
            o.idleCounts.clear();
            const QStringList parts = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
            for (const QString &part : parts) {
                int n = 0;
                if (!readInt(part.trimmed(), 1, 100000, &n))
                    return QStringLiteral("--idle takes counts from 1 to 100000, got '%1'").arg(v);
                o.idleCounts << n;
            }
            ok = ok && !o.idleCounts.isEmpty();
        } else if (arg == QLatin1String("--idle-url")) {
            ok = value(&v);
            o.idleUrl = QUrl(v);
        } else if (arg == QLatin1String("--idle-window"))
            ok = intOption(1, 3600, &o.idleWindowS);
        else if (arg == QLatin1String("--idle-settle"))
            ok = intOption(0, 3600, &o.idleSettleS);
        else if (arg == QLatin1String("--idle-per-process"))
            ok = intOption(1, 15000, &o.idlePerProcess);
        else if (arg == QLatin1String("--hold-idle"))
            ok = intOption(1, 15000, &o.holdIdle);
        else if (arg == QLatin1String("--name"))
            ok = value(&o.holdName) && !o.holdName.isEmpty();
        else if (arg == QLatin1String("--backend-pid") || arg == QLatin1String("--valkey-pid") ||
                 arg == QLatin1String("--postgres-pid")) {
            int pid = 0;
            ok = intOption(1, INT_MAX, &pid);
            if (arg == QLatin1String("--backend-pid"))
                o.backendPids << pid;
            else if (arg == QLatin1String("--valkey-pid"))
                o.valkeyPid = pid;
            else
                o.postgresPid = pid;
        } else if (arg == QLatin1String("--requests"))
            ok = intOption(1, 1000000, &o.requests);
        else if (arg == QLatin1String("--warmup"))
            ok = intOption(0, 100000, &o.warmup);
        else if (arg == QLatin1String("--concurrency"))
            ok = intOption(1, 20000, &o.concurrency);
        else if (arg == QLatin1String("--duration"))
            ok = intOption(1, 3600, &o.durationS);
        else if (arg == QLatin1String("--request-timeout"))
            ok = intOption(1, 600, &o.requestTimeoutS);
        else if (arg == QLatin1String("--phase-timeout"))
            ok = intOption(1, 86400, &o.phaseTimeoutS);
        else if (arg == QLatin1String("--floor-samples"))
            ok = intOption(1, 1000000, &o.floorSamples);
        else if (arg == QLatin1String("--max-seconds"))
            ok = intOption(1, 86400, &o.maxSeconds);
        else if (arg == QLatin1String("--label"))
            ok = value(&o.label);
        else if (arg == QLatin1String("--json"))
            ok = value(&o.jsonPath);
        else if (arg == QLatin1String("--no-floors"))
            o.floors = false;
        else if (arg == QLatin1String("--no-light"))
            o.light = false;
        else if (arg == QLatin1String("--no-sustained"))
            o.sustained = false;
        else if (arg == QLatin1String("--allow-remote"))
            allowRemote = true;
        else
            return QStringLiteral("unknown option '%1'").arg(arg);
        if (!ok)
            return QStringLiteral("bad or missing value for %1").arg(arg);
    }
    if (urls.isEmpty() || urls.size() > 2)
        return QStringLiteral("give --url once or twice (customers, then mitras)");
    if (o.secret.isEmpty())
        return QStringLiteral("--secret (or HALOBESTIE_JWT_SECRET) is required to mint tokens");
    o.customerUrl = urls.first();
    o.mitraUrl = urls.last();
    if (o.idleUrl.isEmpty())
        o.idleUrl = o.mitraUrl;
    if (o.backendPids.size() > 2)
        return QStringLiteral("--backend-pid: at most one per --url");
    if (!o.idleCounts.isEmpty() && o.backendPids.isEmpty())
        return QStringLiteral("--idle needs --backend-pid (its memory and CPU are the figures)");
    if (o.holdIdle > 0 && o.holdName.isEmpty())
        return QStringLiteral("--hold-idle needs --name");
    if (!allowRemote) {
        for (const QUrl &url : {o.customerUrl, o.mitraUrl, o.valkeyUrl, o.idleUrl})
            if (!url.isEmpty() && !isLoopback(url))
                return QStringLiteral("%1 is not a loopback address: this tool loads the server "
                                      "it talks to; pass --allow-remote if that is intended")
                    .arg(url.toDisplayString());
    }
    return o;
}

} // namespace hb::bench
