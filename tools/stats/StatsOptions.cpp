#include "StatsOptions.h"

namespace hb::stats {

QString StatsOptions::usage()
{
    return QStringLiteral(
        "Usage: halobestie-stats --server ws://HOST:PORT/v1/ws (--token JWT | --username NAME)\n"
        "                        [--every S] [--table N] [--duration S] [--print-token]\n"
        "Signs in as staff and prints the live stats (`stats.subscribe`) as one line every few\n"
        "seconds, until Ctrl-C. With --username the password is read from the first line of\n"
        "standard input (asked for without echo on a terminal).\n"
        "\n"
        "  --server URL      the backend (default: HALOBESTIE_SERVER); --url is the same\n"
        "  --token JWT       a staff token (default: HALOBESTIE_TOKEN)\n"
        "  --username NAME   sign in with this staff account instead\n"
        "  --every S         seconds between lines (default 2)\n"
        "  --table N         also list the N busiest mitras under each line (default 0)\n"
        "  --duration S      stop after S seconds (default 0: until Ctrl-C)\n"
        "  --print-token     sign in, print the token the server issues, and exit\n");
}

std::variant<StatsOptions, QString> StatsOptions::parse(const QStringList &arguments,
                                                        const QProcessEnvironment &environment)
{
    StatsOptions o;
    o.url = QUrl(environment.value(QStringLiteral("HALOBESTIE_SERVER")));
    o.token = environment.value(QStringLiteral("HALOBESTIE_TOKEN"));
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        QString v;
        const auto value = [&] {
            if (i + 1 >= arguments.size())
                return false;
            v = arguments.at(++i);
            return true;
        };
        const auto intIn = [&](int low, int high, int *out) {
            bool ok = false;
            const int n = value() ? v.toInt(&ok) : 0;
            if (!ok || n < low || n > high)
                return false;
            *out = n;
            return true;
        };
        bool ok = true;
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help"))
            return QStringLiteral("help");
        if (arg == QLatin1String("--server") || arg == QLatin1String("--url")) {
            ok = value();
            o.url = QUrl(v);
        } else if (arg == QLatin1String("--token")) {
            ok = value() && !v.isEmpty();
            o.token = v;
        } else if (arg == QLatin1String("--username")) {
            ok = value() && !v.isEmpty();
            o.username = v;
        } else if (arg == QLatin1String("--every"))
            ok = intIn(1, 3600, &o.everyS);
        else if (arg == QLatin1String("--table"))
            ok = intIn(0, 1000, &o.tableRows);
        else if (arg == QLatin1String("--duration"))
            ok = intIn(0, 7 * 86400, &o.durationS);
        else if (arg == QLatin1String("--print-token"))
            o.printToken = true;
        else
            return QStringLiteral("unknown option '%1'").arg(arg);
        if (!ok)
            return QStringLiteral("bad or missing value for %1").arg(arg);
    }
    if (!o.url.isValid() || (o.url.scheme() != QLatin1String("ws") &&
                             o.url.scheme() != QLatin1String("wss")))
        return QStringLiteral("--server must be ws://HOST:PORT/v1/ws (or set HALOBESTIE_SERVER)");
    if (o.username.isEmpty() && o.token.isEmpty())
        return QStringLiteral("give --token (or HALOBESTIE_TOKEN) or --username");
    if (o.printToken && o.username.isEmpty())
        return QStringLiteral("--print-token needs --username");
    return o;
}

} // namespace hb::stats
