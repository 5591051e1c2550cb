// halobestie-stats: a terminal staff client. Signs in (staff token, or account and password),
// subscribes to the live `stats` and prints one summary line every few seconds; or, with
// --print-token, prints the token a password sign-in earns (the demo hands it to the control
// center). Speaks only the public WebSocket protocol.
#include "EventLoopWait.h"
#include "StatsOptions.h"
#include "StatsWatcher.h"

#include "EventDispatcher.h"

#include <QCoreApplication>
#include <QTextStream>
#include <climits>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace hb;

namespace {

// The first line of standard input; on a terminal, asked for without echo.
QString readPassword()
{
    const bool terminal = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (terminal) {
        std::fputs("Password: ", stderr);
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputs("\n", stderr);
    }
    return line;
}

} // namespace

int main(int argc, char **argv)
{
    // The same dispatcher as the backend (epoll on Linux): a load generator holding thousands
    // of sockets must not pay Qt's per-socket cost on every wake-up.
    hb::installEventDispatcher();
    QCoreApplication app(argc, argv);
    const auto parsed = stats::StatsOptions::parse(app.arguments().mid(1),
                                                   QProcessEnvironment::systemEnvironment());
    if (const QString *message = std::get_if<QString>(&parsed)) {
        if (*message == QLatin1String("help")) {
            std::fputs(qPrintable(stats::StatsOptions::usage()), stdout);
            return 0;
        }
        std::fprintf(stderr, "halobestie-stats: %s\n\n%s", qPrintable(*message),
                     qPrintable(stats::StatsOptions::usage()));
        return 2;
    }
    const stats::StatsOptions options = std::get<stats::StatsOptions>(parsed);
    QString password;
    if (!options.username.isEmpty()) {
        password = readPassword();
        if (password.isEmpty()) {
            std::fprintf(stderr, "halobestie-stats: no password on standard input\n");
            return 2;
        }
    }
    bench::installInterruptHandler();
    bench::setOverallTimeLimit(options.durationS);

    stats::StatsWatcher watcher(options, password);
    watcher.start();
    while (!watcher.isFinished() && !bench::interrupted())
        bench::runUntil([&] { return watcher.isFinished(); }, INT_MAX);
    watcher.stop();
    // Let the close frame go out.
    bench::runUntil([] { return false; }, 100, bench::Wait::EvenIfInterrupted);
    return watcher.isFinished() ? watcher.exitCode() : 0;
}
