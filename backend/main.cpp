// halobestie-backend: one instance of the headless real-time backend (see docs/architecture.md).
#include "app/BackendApp.h"
#include "app/Config.h"
#include "app/DeadLettersCommand.h"
#include "app/MigrateCommand.h"
#include "app/SettingsCommand.h"
#include "app/StaffCommand.h"
#include "app/TokenCommand.h"
#include "app/UnixSignals.h"
#include "EventDispatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <csignal>
#include <cstdio>

int main(int argc, char **argv)
{
    // Writes to a socket the peer closed must fail with EPIPE, not kill the process (hiredis
    // writes with write(), and so does Qt on some paths).
    std::signal(SIGPIPE, SIG_IGN);

    // Before the application object: on Linux an epoll dispatcher, whose wake-ups cost the same
    // with 20 sockets or 20,000 (Qt's own looks at every socket each time; see
    // eventloop/). HALOBESTIE_EVENT_DISPATCHER=qt keeps Qt's.
    const QString dispatcher = hb::installEventDispatcher();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("halobestie-backend"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HALOBESTIE_VERSION));
    qSetMessagePattern(QStringLiteral(
        "%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
        "%{if-warning}warning%{endif}%{if-critical}critical%{endif}%{if-fatal}fatal%{endif} "
        "%{message}"));

    // Debug output is for developers: QT_LOGGING_RULES (e.g. "halobestie.*.debug=true") turns it
    // back on, since the environment wins over this default.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));

    const QStringList arguments = app.arguments().mid(1);
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("token"))
        return hb::runTokenCommand(arguments.mid(1), environment);
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("settings")) {
        QLoggingCategory::setFilterRules(QStringLiteral("*.info=false\n*.debug=false"));
        return hb::runSettingsCommand(arguments.mid(1), environment);
    }
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("deadletters")) {
        QLoggingCategory::setFilterRules(QStringLiteral("*.info=false\n*.debug=false"));
        return hb::runDeadLettersCommand(arguments.mid(1), environment);
    }
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("migrate"))
        return hb::runMigrateCommand(arguments.mid(1), environment);
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("staff")) {
        QLoggingCategory::setFilterRules(QStringLiteral("*.info=false\n*.debug=false"));
        return hb::runStaffCommand(arguments.mid(1), environment);
    }
    if (arguments.contains(QLatin1String("--version"))) {
        std::printf("halobestie-backend %s\n", HALOBESTIE_VERSION);
        return 0;
    }

    const hb::ConfigResult parsed = hb::parseConfig(arguments, environment);
    if (parsed.helpShown) {
        std::fputs(qPrintable(hb::configHelpText()), stdout);
        return 0;
    }
    if (!parsed.config) {
        std::fprintf(stderr, "halobestie-backend: %s\n", qPrintable(parsed.error));
        return 2;
    }
    const hb::Config config = *parsed.config;
    qInfo("event dispatcher: %s", qPrintable(dispatcher));

    hb::BackendApp backend(config);
    hb::UnixSignals unixSignals({SIGINT, SIGTERM});
    int exitCode = 0;
    QObject::connect(&backend, &hb::BackendApp::failed, &app, [&](const QString &reason) {
        std::fprintf(stderr, "halobestie-backend: %s\n", qPrintable(reason));
        // That line is the whole story: connections still winding down must not bury it.
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
        exitCode = 1;
        QCoreApplication::exit(1);
    });
    QObject::connect(&backend, &hb::BackendApp::started, &app, [&] {
        std::printf("halobestie-backend %s ready: %s (instance %s)\n", HALOBESTIE_VERSION,
                    qPrintable(config.listenUrl()), qPrintable(config.instanceId));
        std::fflush(stdout);
    });
    QObject::connect(&backend, &hb::BackendApp::stopped, &app,
                     [&] { QCoreApplication::exit(exitCode); });
    int signalsSeen = 0;
    QObject::connect(&unixSignals, &hb::UnixSignals::received, &app, [&](int) {
        if (++signalsSeen > 1) {
            std::fprintf(stderr, "halobestie-backend: second signal, exiting now\n");
            std::_Exit(130);
        }
        backend.stop();
    });

    QMetaObject::invokeMethod(&backend, &hb::BackendApp::start, Qt::QueuedConnection);
    const int rc = QCoreApplication::exec();
    return rc != 0 ? rc : exitCode;
}
