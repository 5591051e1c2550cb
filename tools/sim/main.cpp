// halobestie-sim: a crowd of simulated mitra and customer apps against a running HaloBestie
// stack, over the public WebSocket protocol, for watching the system (control center, logs)
// under realistic behaviour: human answer delays, declines, sessions of some length, phones
// that drop off and come back. Prints a summary line every few seconds; Ctrl-C stops cleanly.
#include "EventLoopWait.h"
#include "SimOptions.h"
#include "Simulation.h"

#include "EventDispatcher.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <climits>
#include <cstdio>

using namespace hb;

int main(int argc, char **argv)
{
    // The same dispatcher as the backend (epoll on Linux): a load generator holding thousands
    // of sockets must not pay Qt's per-socket cost on every wake-up.
    hb::installEventDispatcher();
    QCoreApplication app(argc, argv);
    const auto parsed =
        sim::SimOptions::parse(app.arguments().mid(1), QProcessEnvironment::systemEnvironment());
    if (const QString *message = std::get_if<QString>(&parsed)) {
        if (*message == QLatin1String("help")) {
            std::fputs(qPrintable(sim::SimOptions::usage()), stdout);
            return 0;
        }
        std::fprintf(stderr, "halobestie-sim: %s\n\n%s", qPrintable(*message),
                     qPrintable(sim::SimOptions::usage()));
        return 2;
    }
    const sim::SimOptions options = std::get<sim::SimOptions>(parsed);
    bench::installInterruptHandler();

    sim::Simulation simulation(options);
    simulation.start();
    if (options.durationS > 0)
        bench::runFor(options.durationS * 1000);
    else
        while (!bench::interrupted())
            bench::runFor(INT_MAX);
    std::printf("stopping: cancelling requests, ending sessions, mitras offline...\n");
    std::fflush(stdout);
    simulation.stop();
    std::printf("%s\n%s", qPrintable(simulation.summaryLine(QStringLiteral("final "))),
                qPrintable(simulation.finalReport()));
    std::fflush(stdout);
    return 0;
}
