// halobestie-wscat: a minimal interactive WebSocket client for trying the protocol by hand.
// Each line typed on stdin is sent as one text frame; every frame received is printed with the
// local time. `--send LINE` (repeatable) sends lines right after connecting, for scripts.
#include <QCoreApplication>
#include <QDateTime>
#include <QSocketNotifier>
#include <QTextStream>
#include <QWebSocket>

#include <cstdio>
#include <unistd.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QStringList initial;
    QString url;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--send") && i + 1 < args.size())
            initial << args.at(++i);
        else if (url.isEmpty() && !args.at(i).startsWith(QLatin1String("--")))
            url = args.at(i);
        else {
            std::fprintf(stderr, "usage: halobestie-wscat ws://HOST:PORT/v1/ws [--send LINE]...\n");
            return 2;
        }
    }
    if (url.isEmpty()) {
        std::fprintf(stderr, "usage: halobestie-wscat ws://HOST:PORT/v1/ws [--send LINE]...\n");
        return 2;
    }

    QWebSocket socket;
    auto print = [](const QString &prefix, const QString &text) {
        std::printf("%s %s %s\n",
                    qPrintable(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz"))),
                    qPrintable(prefix), qPrintable(text));
        std::fflush(stdout);
    };
    QObject::connect(&socket, &QWebSocket::connected, &app, [&] {
        print(QStringLiteral("--"), QStringLiteral("connected to %1").arg(url));
        for (const QString &line : std::as_const(initial)) {
            print(QStringLiteral(">>"), line);
            socket.sendTextMessage(line);
        }
    });
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &app,
                     [&](const QString &text) { print(QStringLiteral("<<"), text); });
    QObject::connect(&socket, &QWebSocket::disconnected, &app, [&] {
        print(QStringLiteral("--"), QStringLiteral("closed: code %1 %2")
                                        .arg(socket.closeCode())
                                        .arg(socket.closeReason()));
        QCoreApplication::quit();
    });
    // Qt 6.4 names this signal error(); errorOccurred arrives in 6.5.
    QObject::connect(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), &app,
                     [&](QAbstractSocket::SocketError) {
        print(QStringLiteral("--"), QStringLiteral("error: %1").arg(socket.errorString()));
        QCoreApplication::exit(1);
    });

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QTextStream in(stdin);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        const QString line = in.readLine();
        if (line.isNull()) { // end of input: close politely
            input.setEnabled(false);
            socket.close();
            return;
        }
        if (!line.trimmed().isEmpty())
            socket.sendTextMessage(line.trimmed());
    });

    socket.open(QUrl(url));
    return QCoreApplication::exec();
}
