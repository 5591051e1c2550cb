// halobestie-bench: pairing latency and throughput of a running HaloBestie stack, measured
// from the outside over the public WebSocket protocol, next to the floors of this machine
// (a bare Qt WebSocket echo, a server heartbeat, a Valkey EVALSHA). See docs/benchmarks.md.
#include "protocol/ClientMessageWriter.h"

#include "BenchOptions.h"
#include "EventLoopWait.h"
#include "FloorResult.h"
#include "IdleHolder.h"
#include "IdleScenario.h"
#include "LocalEchoServer.h"
#include "Progress.h"
#include "PairingScenario.h"
#include "ProtocolClient.h"
#include "ReportWriter.h"
#include "RoundTripProbe.h"
#include "Tokens.h"
#include "ValkeyProbe.h"

#include "EventDispatcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QThread>
#include <QWebSocket>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace hb;
using namespace hb::bench;

namespace {

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    const QList<QByteArray> fields = file.readAll().split(' ');
    return fields.size() >= 3 ? QString::fromLatin1(fields[0] + ' ' + fields[1] + ' ' + fields[2])
                              : QStringLiteral("?");
}

// One JSON line per result, written as soon as it exists so an interrupted run keeps them.
class JsonLines
{
public:
    bool open(const QString &path)
    {
        if (path.isEmpty())
            return m_file.open(stderr, QIODevice::WriteOnly);
        m_file.setFileName(path);
        return m_file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    }
    void write(QJsonObject object, const QString &runId)
    {
        object.insert(QStringLiteral("run"), runId);
        m_file.write(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
        m_file.flush();
    }

private:
    QFile m_file;
};

// `idle` more connections stay open, silent, on both ends during the measurement: Qt's event
// dispatcher looks at every socket on each wake-up, so the floor rises with the population.
FloorResult localEchoFloor(int samples, int idle)
{
    FloorResult result{idle == 0 ? QStringLiteral("ws_echo_local")
                                 : QStringLiteral("ws_echo_local_idle_%1").arg(idle),
                       QStringLiteral("Qt WebSocket echo: QWebSocket ↔ QWebSocketServer on "
                                      "127.0.0.1, own thread, same process, %1 idle sockets open")
                           .arg(idle),
                       {},
                       {}};
    LocalEchoServer server;
    const quint16 port = server.start();
    if (port == 0) {
        result.error = QStringLiteral("could not listen on 127.0.0.1");
        return result;
    }
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
    std::vector<std::unique_ptr<QWebSocket>> idleSockets;
    int idleConnected = 0;
    for (int i = 0; i < idle; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QObject::connect(socket.get(), &QWebSocket::connected, [&] { ++idleConnected; });
        socket->open(url);
        idleSockets.push_back(std::move(socket));
    }
    if (!runUntil([&] { return idleConnected == idle; }, 30000)) {
        result.error = QStringLiteral("idle sockets did not connect");
        return result;
    }
    QWebSocket socket;
    const QString payload = QStringLiteral(R"({"type":"heartbeat","id":"1"})");
    RoundTripProbe probe(
        [&] {
            socket.sendTextMessage(payload);
            socket.flush();
        },
        samples);
    QObject::connect(&socket, &QWebSocket::connected, [&] { probe.start(); });
    QObject::connect(&socket, &QWebSocket::textMessageReceived,
                     [&](const QString &) { probe.replied(ProtocolClient::nowNs()); });
    socket.open(url);
    if (!runUntil([&] { return probe.isDone(); }, 30000))
        result.error = QStringLiteral("timed out");
    socket.close();
    for (auto &idleSocket : idleSockets)
        idleSocket->abort();
    runUntil([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 2000,
             Wait::EvenIfInterrupted);
    server.stop();
    result.latency = LatencySummary::of(probe.latencies());
    return result;
}

FloorResult heartbeatFloor(const QUrl &url, const BenchOptions &options, const QString &runId,
                           const QString &which)
{
    FloorResult result{QStringLiteral("ws_heartbeat_") + which,
                       QStringLiteral("server `heartbeat` → `heartbeat.ack`, %1, one socket")
                           .arg(url.toDisplayString()),
                       {},
                       {}};
    const QString sub = QStringLiteral("bench-%1-floor-%2").arg(runId, which);
    ProtocolClient client(url, mintToolToken(options.secret, Role::Customer, sub, sub));
    RoundTripProbe probe(
        [&] {
            client.send(toJson(ClientMessage::make(clientmsg::Heartbeat{})));
        },
        options.floorSamples);
    QString failure;
    QObject::connect(&client, &ProtocolClient::ready, [&] { probe.start(); });
    QObject::connect(&client, &ProtocolClient::closed, [&](const QString &why) { failure = why; });
    QObject::connect(&client, &ProtocolClient::message, [&](const QJsonObject &m, qint64 ns) {
        if (m.value(QStringLiteral("type")).toString() == QLatin1String("heartbeat.ack"))
            probe.replied(ns);
    });
    client.open();
    if (!runUntil([&] { return probe.isDone() || !failure.isEmpty(); }, 60000))
        result.error = failure.isEmpty() ? QStringLiteral("timed out") : failure;
    else if (!client.serverInstance().isEmpty())
        result.description += QStringLiteral(" (instance `%1`)").arg(client.serverInstance());
    client.close();
    runUntil([&] { return client.isClosed(); }, 2000, Wait::EvenIfInterrupted);
    result.latency = LatencySummary::of(probe.latencies());
    return result;
}

FloorResult valkeyFloor(const QUrl &url, int samples)
{
    QUrl shown = url;
    shown.setPassword(QString());
    FloorResult result{QStringLiteral("valkey_evalsha"),
                       QStringLiteral("Valkey `EVALSHA` of `return 1`, %1, RESP over QTcpSocket")
                           .arg(shown.toDisplayString()),
                       {},
                       {}};
    ValkeyProbe probe(url, samples);
    probe.start();
    if (!runUntil([&] { return probe.isDone(); }, 30000))
        result.error = QStringLiteral("timed out");
    else if (!probe.error().isEmpty())
        result.error = probe.error();
    if (probe.latencies())
        result.latency = LatencySummary::of(*probe.latencies());
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    // The same dispatcher as the backend (epoll on Linux): a load generator holding thousands
    // of sockets must not pay Qt's per-socket cost on every wake-up.
    hb::installEventDispatcher();
    QCoreApplication app(argc, argv);
    const auto parsed =
        BenchOptions::parse(app.arguments().mid(1), QProcessEnvironment::systemEnvironment());
    if (const QString *message = std::get_if<QString>(&parsed)) {
        if (*message == QLatin1String("help")) {
            std::fputs(qPrintable(BenchOptions::usage()), stdout);
            return 0;
        }
        std::fprintf(stderr, "halobestie-bench: %s\n\n%s", qPrintable(*message),
                     qPrintable(BenchOptions::usage()));
        return 2;
    }
    const BenchOptions options = std::get<BenchOptions>(parsed);
    installInterruptHandler();
    if (options.holdIdle > 0)
        return runIdleHolder(options);
    setOverallTimeLimit(options.maxSeconds);

    JsonLines json;
    if (!json.open(options.jsonPath)) {
        std::fprintf(stderr, "halobestie-bench: cannot write %s\n", qPrintable(options.jsonPath));
        return 2;
    }
    ReportWriter::Context context;
    context.runId = newRunId();
    context.label = options.label;
    context.startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    context.customerUrl = options.customerUrl.toDisplayString();
    context.mitraUrl = options.mitraUrl.toDisplayString();
    context.cores = QThread::idealThreadCount();
    context.loadBefore = loadAverage();
    progress(QStringLiteral("run %1, load average %2").arg(context.runId, context.loadBefore));

    // The servers' pids, for their CPU and memory next to the latencies (same machine only).
    QList<ProcessMeter> servers;
    const QStringList instanceNames{QStringLiteral("customers' instance"),
                                    QStringLiteral("mitras' instance")};
    for (qsizetype i = 0; i < options.backendPids.size(); ++i)
        servers << ProcessMeter(options.backendPids.size() == 1 ? QStringLiteral("instance")
                                                                : instanceNames.at(i),
                                options.backendPids.at(i));
    if (options.valkeyPid > 0)
        servers << ProcessMeter(QStringLiteral("Valkey"), options.valkeyPid);
    if (options.postgresPid > 0)
        servers << ProcessMeter(QStringLiteral("PostgreSQL"), options.postgresPid, true);

    int exitCode = 0;
    if (!options.idleCounts.isEmpty()) {
        // The idle phase is a run of its own: no floors or pairing around it.
        IdleScenario::Setup setup;
        setup.url = options.idleUrl;
        setup.secret = options.secret;
        setup.runId = context.runId;
        setup.backendPid = options.backendPids.last();
        setup.valkeyPid = options.valkeyPid;
        setup.windowS = options.idleWindowS;
        setup.settleS = options.idleSettleS;
        setup.perProcess = options.idlePerProcess;
        setup.heartbeatSamples = qMin(options.floorSamples, 200);
        QList<IdleResult> idle;
        {
            IdleScenario scenario(setup);
            scenario.run(options.idleCounts, [&](const IdleResult &r) {
                progress(QStringLiteral("idle %1: RSS %2 MiB (%3 KiB per connection), CPU %4%, "
                                        "%5 µs per heartbeat%6")
                             .arg(r.held)
                             .arg(double(r.rssKiB) / 1024.0, 0, 'f', 1)
                             .arg(r.rssPerConnectionKiB, 0, 'f', 1)
                             .arg(r.cpuPercent, 0, 'f', 1)
                             .arg(r.cpuUsPerHeartbeat, 0, 'f', 0)
                             .arg(r.note.isEmpty() ? QString() : QStringLiteral(" — ") + r.note));
                json.write(r.toJson(), context.runId);
                idle << r;
                if (r.requested > 0 && r.held == 0)
                    exitCode = 1;
            });
        }
        context.mitraUrl = options.idleUrl.toDisplayString();
        context.loadAfter = loadAverage();
        std::fputs(qPrintable(ReportWriter::markdown(context, {}, {}, idle)), stdout);
        std::fflush(stdout);
        if (interrupted()) {
            progress(QStringLiteral("stopped early (interrupt or --max-seconds)"));
            return 3;
        }
        return exitCode;
    }

    QList<FloorResult> floors;
    auto addFloor = [&](FloorResult floor) {
        progress(QStringLiteral("floor %1: p50 %2 ms%3")
                     .arg(floor.id)
                     .arg(floor.latency.p50, 0, 'f', 3)
                     .arg(floor.error.isEmpty() ? QString() : QStringLiteral(" — ") + floor.error));
        json.write(floor.toJson(), context.runId);
        floors << floor;
    };
    if (options.floors) {
        addFloor(localEchoFloor(options.floorSamples, 0));
        // As many sockets as the largest population below keeps open.
        const int population =
            *std::max_element(options.mitraCounts.cbegin(), options.mitraCounts.cend()) +
            (options.sustained ? options.concurrency : 1);
        if (!interrupted())
            addFloor(localEchoFloor(options.floorSamples, population));
        if (!interrupted())
            addFloor(heartbeatFloor(options.customerUrl, options, context.runId,
                                    QStringLiteral("customers")));
        if (!interrupted() && options.mitraUrl != options.customerUrl)
            addFloor(
                heartbeatFloor(options.mitraUrl, options, context.runId, QStringLiteral("mitras")));
        if (!interrupted() && !options.valkeyUrl.isEmpty())
            addFloor(valkeyFloor(options.valkeyUrl, options.floorSamples));
    }

    QList<PairingResult> pairings;
    auto addPairing = [&](const PairingResult &result) {
        progress(QStringLiteral("%1 @ %2 mitras: %3 pairings, p50 %4 ms, p99 %5 ms, %6/s%7")
                     .arg(result.scenario)
                     .arg(result.mitras)
                     .arg(result.total.count)
                     .arg(result.total.p50, 0, 'f', 2)
                     .arg(result.total.p99, 0, 'f', 2)
                     .arg(result.pairingsPerSecond, 0, 'f', 1)
                     .arg(result.note.isEmpty() ? QString() : QStringLiteral(" — ") + result.note));
        json.write(result.toJson(), context.runId);
        pairings << result;
    };
    const int heartbeatSamples = qMin(options.floorSamples, 200);
    for (int mitras : options.mitraCounts) {
        if (interrupted() || (!options.light && !options.sustained))
            break;
        PairingScenario::Setup setup;
        setup.customerUrl = options.customerUrl;
        setup.mitraUrl = options.mitraUrl;
        setup.secret = options.secret;
        setup.runId = context.runId;
        setup.label = options.label;
        setup.mitras = mitras;
        setup.customers = options.sustained ? options.concurrency : 1;
        setup.requestTimeoutMs = options.requestTimeoutS * 1000;
        setup.phaseTimeoutMs = options.phaseTimeoutS * 1000;
        setup.servers = servers;
        PairingScenario scenario(setup);
        QString error;
        if (!scenario.start(&error)) {
            progress(QStringLiteral("%1 mitras: %2").arg(mitras).arg(error));
            json.write(QJsonObject{{QStringLiteral("scenario"), QStringLiteral("setup")},
                                   {QStringLiteral("mitras"), mitras},
                                   {QStringLiteral("error"), error}},
                       context.runId);
            exitCode = 1;
            continue;
        }
        if (options.light && !interrupted())
            addPairing(scenario.runLight(options.warmup, options.requests, heartbeatSamples));
        if (options.sustained && !interrupted())
            addPairing(scenario.runSustained(options.concurrency, options.sustainedWarmupS * 1000,
                                             options.durationS * 1000, heartbeatSamples));
        scenario.stop();
    }

    context.loadAfter = loadAverage();
    std::fputs(qPrintable(ReportWriter::markdown(context, floors, pairings)), stdout);
    std::fflush(stdout);
    if (interrupted()) {
        progress(QStringLiteral("stopped early (interrupt or --max-seconds)"));
        return 3;
    }
    return exitCode;
}
