#include "SimOptions.h"

#include <QHostAddress>

namespace hb::sim {

namespace {

bool isLoopback(const QUrl &url)
{
    if (url.host() == QLatin1String("localhost"))
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
}

} // namespace

QString SimOptions::usage()
{
    return QStringLiteral(
        "Usage: halobestie-sim --url ws://127.0.0.1:PORT/v1/ws [--url ...] --secret S [options]\n"
        "Simulates mitra and customer apps against a running HaloBestie stack, over the public\n"
        "WebSocket protocol: mitras go online, beat their hearts, sometimes drop off, answer\n"
        "offers after a delay; customers ask for a Bestie and end sessions. Prints a summary\n"
        "line every few seconds and a final one; Ctrl-C stops it cleanly (mitras offline,\n"
        "requests cancelled, sessions ended). Meant for a test stack on 127.0.0.1.\n"
        "\n"
        "  --url URL                 repeatable: clients are spread over the instances\n"
        "  --secret S                the server's HALOBESTIE_JWT_SECRET (default: that variable)\n"
        "  --mitras N                simulated mitras (default 10)\n"
        "  --customers N             simulated customers (default 20)\n"
        "  --duration S              run time, 0 = until Ctrl-C (default 60)\n"
        "  --drop-rate P             chance per heartbeat interval that a mitra's phone drops off\n"
        "                            (network lost, or app frozen) for 0.5-2x the heartbeat\n"
        "                            timeout, then comes back (default 0)\n"
        "  --accept-delay-ms MS      mean time before a mitra answers an offer (default 2000)\n"
        "  --decline-probability P   chance a mitra declines instead (default 0.1)\n"
        "  --session-seconds S       mean session length; either side ends it (default 30)\n"
        "  --request-rate R          pairing requests per second over all idle customers;\n"
        "                            0 = every idle customer asks at once (default 1)\n"
        "  --report-every S          seconds between summary lines (default 5)\n"
        "  --seed N                  random seed, for a repeatable run\n"
        "  --name PREFIX             user ids PREFIX-m-1, PREFIX-c-1 (default sim-<random>);\n"
        "                            display names are Indonesian first names, the same for\n"
        "                            the same index in every run (\"Sari\", \"Dewi\", ...)\n"
        "  --allow-remote            allow URLs that are not loopback\n");
}

std::variant<SimOptions, QString> SimOptions::parse(const QStringList &arguments,
                                                    const QProcessEnvironment &environment)
{
    SimOptions o;
    bool allowRemote = false;
    o.secret = environment.value(QStringLiteral("HALOBESTIE_JWT_SECRET")).toUtf8();
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        QString v;
        auto value = [&] {
            if (i + 1 >= arguments.size())
                return false;
            v = arguments.at(++i);
            return true;
        };
        auto intIn = [&](int low, int high, int *out) {
            bool ok = false;
            const int n = value() ? v.toInt(&ok) : 0;
            if (!ok || n < low || n > high)
                return false;
            *out = n;
            return true;
        };
        auto realIn = [&](double low, double high, double *out) {
            bool ok = false;
            const double x = value() ? v.toDouble(&ok) : 0;
            if (!ok || x < low || x > high)
                return false;
            *out = x;
            return true;
        };
        bool ok = true;
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help"))
            return QStringLiteral("help");
        if (arg == QLatin1String("--url")) {
            ok = value();
            const QUrl url(v);
            if (ok && (!url.isValid() || (url.scheme() != QLatin1String("ws") &&
                                          url.scheme() != QLatin1String("wss"))))
                return QStringLiteral("--url must be ws://HOST:PORT/v1/ws, got '%1'").arg(v);
            o.urls << url;
        } else if (arg == QLatin1String("--secret")) {
            ok = value();
            o.secret = v.toUtf8();
        } else if (arg == QLatin1String("--mitras"))
            ok = intIn(0, 20000, &o.mitras);
        else if (arg == QLatin1String("--customers"))
            ok = intIn(0, 20000, &o.customers);
        else if (arg == QLatin1String("--duration"))
            ok = intIn(0, 7 * 86400, &o.durationS);
        else if (arg == QLatin1String("--drop-rate"))
            ok = realIn(0, 1, &o.dropRate);
        else if (arg == QLatin1String("--accept-delay-ms"))
            ok = intIn(0, 600000, &o.acceptDelayMs);
        else if (arg == QLatin1String("--decline-probability"))
            ok = realIn(0, 1, &o.declineProbability);
        else if (arg == QLatin1String("--session-seconds"))
            ok = intIn(0, 86400, &o.sessionSeconds);
        else if (arg == QLatin1String("--request-rate"))
            ok = realIn(0, 100000, &o.requestRate);
        else if (arg == QLatin1String("--report-every"))
            ok = intIn(1, 3600, &o.reportEveryS);
        else if (arg == QLatin1String("--seed")) {
            bool parsed = false;
            ok = value();
            o.seed = v.toUInt(&parsed);
            ok = ok && parsed;
        } else if (arg == QLatin1String("--name")) {
            ok = value() && !v.isEmpty() && v.size() <= 100;
            o.name = v;
        } else if (arg == QLatin1String("--allow-remote"))
            allowRemote = true;
        else
            return QStringLiteral("unknown option '%1'").arg(arg);
        if (!ok)
            return QStringLiteral("bad or missing value for %1").arg(arg);
    }
    if (o.urls.isEmpty())
        return QStringLiteral("give at least one --url");
    if (o.secret.isEmpty())
        return QStringLiteral("--secret (or HALOBESTIE_JWT_SECRET) is required to mint tokens");
    if (!allowRemote)
        for (const QUrl &url : std::as_const(o.urls))
            if (!isLoopback(url))
                return QStringLiteral("%1 is not a loopback address; pass --allow-remote if "
                                      "loading that server is intended")
                    .arg(url.toDisplayString());
    return o;
}

} // namespace hb::sim
