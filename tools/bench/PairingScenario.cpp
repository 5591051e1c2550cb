#include "PairingScenario.h"

#include "Progress.h"
#include "protocol/ClientMessageWriter.h"

#include "BenchCustomer.h"
#include "BenchMitra.h"
#include "EventLoopWait.h"
#include "HealthProbe.h"
#include "ProtocolClient.h"
#include "RoundTripProbe.h"
#include "Tokens.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <ctime>

namespace hb::bench {

namespace {

// Handshakes in flight at once while connecting: enough to connect thousands in seconds,
// few enough not to look like a flood to the server's accept queue.
constexpr int kConnectWindow = 32;

// CPU seconds used by this process so far (all threads).
double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}


} // namespace

PairingScenario::PairingScenario(Setup setup, QObject *parent)
    : QObject(parent), m_setup(std::move(setup))
{}

PairingScenario::~PairingScenario()
{
    stop();
}

bool PairingScenario::start(QString *error)
{
    const QString prefix = QStringLiteral("bench-%1-n%2-").arg(m_setup.runId).arg(m_setup.mitras);
    for (int i = 0; i < m_setup.mitras; ++i) {
        const QString sub = prefix + QStringLiteral("m-%1").arg(i);
        auto *client = new ProtocolClient(
            m_setup.mitraUrl, mintToolToken(m_setup.secret, Role::Mitra, sub, sub), this);
        m_clients << client;
        m_mitras << new BenchMitra(client, &m_stats, this);
    }
    for (int i = 0; i < m_setup.customers; ++i) {
        const QString sub = prefix + QStringLiteral("c-%1").arg(i);
        auto *client = new ProtocolClient(
            m_setup.customerUrl, mintToolToken(m_setup.secret, Role::Customer, sub, sub), this);
        m_clients << client;
        m_customers << new BenchCustomer(client, &m_stats, m_setup.requestTimeoutMs, this);
    }

    // Open in a sliding window: each welcome (or failure) lets the next one start.
    qsizetype nextToOpen = 0;
    int pending = 0;
    QString firstFailure;
    auto openMore = [&] {
        while (pending < kConnectWindow && nextToOpen < m_clients.size()) {
            ++pending;
            m_clients.at(nextToOpen++)->open();
        }
    };
    QList<QMetaObject::Connection> wiring;
    for (ProtocolClient *client : std::as_const(m_clients)) {
        wiring << connect(client, &ProtocolClient::ready, this, [&] {
            --pending;
            openMore();
        });
        wiring << connect(client, &ProtocolClient::closed, this, [&](const QString &why) {
            --pending;
            if (firstFailure.isEmpty())
                firstFailure = why;
        });
    }
    openMore();
    const int connectTimeoutMs = 20000 + 20 * int(m_clients.size());
    const bool connected = runUntil(
        [&] {
            return !firstFailure.isEmpty() ||
                   std::all_of(m_clients.cbegin(), m_clients.cend(),
                               [](ProtocolClient *c) { return c->isReady(); });
        },
        connectTimeoutMs);
    for (const auto &c : std::as_const(wiring))
        disconnect(c);
    if (!firstFailure.isEmpty() || !connected) {
        *error = firstFailure.isEmpty()
                     ? QStringLiteral("not all %1 clients got `welcome` within %2 s")
                           .arg(m_clients.size())
                           .arg(connectTimeoutMs / 1000)
                     : QStringLiteral("a client could not connect: %1").arg(firstFailure);
        return false;
    }

    for (BenchMitra *mitra : std::as_const(m_mitras))
        mitra->setOnline(true);
    if (!runUntil(
            [this] {
                return std::all_of(m_mitras.cbegin(), m_mitras.cend(),
                                   [](BenchMitra *m) { return m->isSettled(); });
            },
            20000)) {
        *error = QStringLiteral("not all mitras were confirmed online within 20 s");
        return false;
    }
    // Going online queues work on the servers (durable interval writes, rotation joins):
    // let it finish so the first measurements do not pay for it.
    runFor(1000);
    progress(QStringLiteral("%1 mitras online via %2, %3 customers via %4")
                 .arg(m_setup.mitras)
                 .arg(m_mitras.isEmpty() ? QString() : m_mitras.first()->client()->serverInstance())
                 .arg(m_setup.customers)
                 .arg(m_customers.isEmpty() ? QString()
                                            : m_customers.first()->client()->serverInstance()));
    return true;
}

QString PairingScenario::label() const
{
    // The server's business which strategy it runs; print it only if it says so.
    if (!m_customers.isEmpty()) {
        const QJsonObject welcome = m_customers.first()->client()->welcomeMessage();
        const QString strategy = welcome.value(QStringLiteral("pairing_strategy")).toString();
        if (!strategy.isEmpty())
            return m_setup.label.isEmpty()
                       ? strategy
                       : m_setup.label + QStringLiteral(" (") + strategy + QStringLiteral(")");
    }
    return m_setup.label;
}

PairingResult PairingScenario::newResult(const QString &scenario, int inFlight) const
{
    PairingResult result;
    result.scenario = scenario;
    result.label = label();
    result.mitras = m_setup.mitras;
    result.inFlight = inFlight;
    if (!m_mitras.isEmpty())
        result.mitraInstance = m_mitras.first()->client()->serverInstance();
    if (!m_customers.isEmpty())
        result.customerInstance = m_customers.first()->client()->serverInstance();
    return result;
}

void PairingScenario::fillFromStats(PairingResult &result) const
{
    result.total = LatencySummary::of(m_stats.total());
    result.searching = LatencySummary::of(m_stats.searching());
    result.firstOffer = LatencySummary::of(m_stats.firstOffer());
    result.assigned = LatencySummary::of(m_stats.assigned());
    result.found = LatencySummary::of(m_stats.found());
    result.completedAll = m_stats.completedAll();
    result.offers = m_stats.offers();
    result.acceptsLost = m_stats.acceptsLost();
    result.failed = m_stats.failed();
    result.timeouts = m_stats.timeouts();
    result.errors = m_stats.errors();
    result.acceptRefusals = m_stats.acceptRefusals();
    result.failedReasons = m_stats.failedReasons();
    if (result.seconds > 0)
        result.pairingsPerSecond = double(result.total.count) / result.seconds;
}

LatencySummary PairingScenario::measureHeartbeatRtt(int samples)
{
    if (m_customers.isEmpty() || samples <= 0)
        return {};
    ProtocolClient *client = m_customers.first()->client();
    RoundTripProbe probe(
        [client] {
            client->send(toJson(ClientMessage::make(clientmsg::Heartbeat{})));
        },
        samples);
    const auto wire =
        connect(client, &ProtocolClient::message, this, [&](const QJsonObject &m, qint64 ns) {
            if (m.value(QStringLiteral("type")).toString() == QLatin1String("heartbeat.ack"))
                probe.replied(ns);
        });
    probe.start();
    runUntil([&] { return probe.isDone() || client->isClosed(); }, 30000);
    disconnect(wire);
    return LatencySummary::of(probe.latencies());
}

bool PairingScenario::drain(const QList<BenchCustomer *> &customers)
{
    for (BenchCustomer *customer : customers)
        customer->stop();
    return runUntil(
        [&] {
            return std::all_of(customers.cbegin(), customers.cend(),
                               [](BenchCustomer *c) { return c->isIdle(); });
        },
        m_setup.requestTimeoutMs + 12000, Wait::EvenIfInterrupted);
}

QList<ProcessSample> PairingScenario::sampleServers() const
{
    QList<ProcessSample> samples;
    for (const ProcessMeter &meter : m_setup.servers)
        samples << meter.sample();
    return samples;
}

void PairingScenario::addServerUse(PairingResult &result, const QList<ProcessSample> &before,
                                   double seconds) const
{
    const QList<ProcessSample> after = sampleServers();
    for (qsizetype i = 0; i < after.size() && i < before.size(); ++i)
        result.servers << PairingResult::ServerUse{m_setup.servers.at(i).name(),
                                                   cpuPercent(before.at(i), after.at(i), seconds),
                                                   after.at(i).rssKiB};
}

PairingResult PairingScenario::runLight(int warmup, int requests, int heartbeatSamples)
{
    PairingResult result = newResult(QStringLiteral("light"), 1);
    result.heartbeatRtt = measureHeartbeatRtt(heartbeatSamples);
    m_stats.reset();
    if (m_customers.isEmpty())
        return result;
    progress(QStringLiteral("light: %1 mitras, %2 + %3 warm-up requests, one at a time")
                 .arg(m_setup.mitras)
                 .arg(requests)
                 .arg(warmup));
    BenchCustomer *customer = m_customers.first();
    int issued = 0;
    const int total = warmup + requests;
    QElapsedTimer clock;
    qint64 measuredStartNs = 0;
    double cpuStart = 0;
    QList<ProcessSample> serversStart;
    customer->start([&]() -> std::optional<bool> {
        if (issued >= total)
            return std::nullopt;
        if (issued == warmup) {
            measuredStartNs = ProtocolClient::nowNs();
            cpuStart = cpuSeconds();
            serversStart = sampleServers();
        }
        return issued++ >= warmup;
    });
    clock.start();
    const bool finished =
        runUntil([&] { return issued >= total && customer->isIdle(); }, m_setup.phaseTimeoutMs);
    const qint64 endNs = ProtocolClient::nowNs();
    const double cpuEnd = cpuSeconds();
    if (!finished) {
        result.note = interrupted() ? QStringLiteral("interrupted")
                                    : QStringLiteral("phase time limit reached");
        drain({customer});
    }
    result.seconds = measuredStartNs > 0 ? double(endNs - measuredStartNs) / 1e9 : 0;
    if (result.seconds > 0) {
        result.benchCpuPercent = 100.0 * (cpuEnd - cpuStart) / result.seconds;
        addServerUse(result, serversStart, result.seconds);
    }
    fillFromStats(result);
    return result;
}

PairingResult PairingScenario::runSustained(int concurrency, int warmupMs, int durationMs,
                                            int heartbeatSamples)
{
    const int n = std::min<int>(concurrency, int(m_customers.size()));
    PairingResult result = newResult(QStringLiteral("sustained"), n);
    result.heartbeatRtt = measureHeartbeatRtt(heartbeatSamples);
    m_stats.reset();
    progress(QStringLiteral("sustained: %1 mitras, %2 customers requesting in a loop, %3 s + %4 s "
                            "warm-up")
                 .arg(m_setup.mitras)
                 .arg(n)
                 .arg(durationMs / 1000.0)
                 .arg(warmupMs / 1000.0));
    const QList<BenchCustomer *> customers = m_customers.mid(0, n);
    m_stats.setRecording(false);
    for (BenchCustomer *customer : customers)
        customer->start([]() -> std::optional<bool> { return true; });
    runFor(warmupMs);
    m_stats.setRecording(true);
    const qint64 startNs = ProtocolClient::nowNs();
    const double cpuStart = cpuSeconds();
    const QList<ProcessSample> serversStart = sampleServers();
    runFor(durationMs);
    m_stats.setRecording(false);
    const qint64 endNs = ProtocolClient::nowNs();
    const double cpuEnd = cpuSeconds();
    addServerUse(result, serversStart, double(endNs - startNs) / 1e9);
    QList<QUrl> instances{m_setup.customerUrl};
    if (m_setup.mitraUrl != m_setup.customerUrl)
        instances << m_setup.mitraUrl;
    for (const QUrl &url : instances)
        result.postgresBacklog << postgresBacklog(url);
    if (interrupted())
        result.note = QStringLiteral("interrupted");
    if (!drain(customers))
        result.note = QStringLiteral("some requests still open after the drain");
    // How long the durable log needed to catch up with what the window produced.
    if (std::all_of(result.postgresBacklog.cbegin(), result.postgresBacklog.cend(),
                    [](int backlog) { return backlog >= 0; })) {
        const bool caughtUp = runUntil(
            [&] {
                return std::all_of(instances.cbegin(), instances.cend(),
                                   [](const QUrl &url) { return postgresBacklog(url) == 0; });
            },
            120000, Wait::EvenIfInterrupted);
        if (caughtUp)
            result.catchUpSeconds = double(ProtocolClient::nowNs() - endNs) / 1e9;
    }
    result.seconds = double(endNs - startNs) / 1e9;
    result.benchCpuPercent = 100.0 * (cpuEnd - cpuStart) / result.seconds;
    fillFromStats(result);
    return result;
}

void PairingScenario::stop()
{
    if (m_clients.isEmpty())
        return;
    for (BenchCustomer *customer : std::as_const(m_customers))
        customer->stop();
    // Offline explicitly: a closed socket alone leaves a mitra online until its heartbeat
    // timeout, and the next phase's requests would be offered to it.
    for (BenchMitra *mitra : std::as_const(m_mitras))
        if (!mitra->client()->isClosed())
            mitra->setOnline(false);
    runUntil(
        [this] {
            return std::all_of(m_mitras.cbegin(), m_mitras.cend(), [](BenchMitra *m) {
                return m->isSettled() || m->client()->isClosed();
            });
        },
        10000, Wait::EvenIfInterrupted);
    for (ProtocolClient *client : std::as_const(m_clients))
        client->close();
    runUntil(
        [this] {
            return std::all_of(m_clients.cbegin(), m_clients.cend(),
                               [](ProtocolClient *c) { return c->isClosed(); });
        },
        5000, Wait::EvenIfInterrupted);
    qDeleteAll(m_mitras);
    qDeleteAll(m_customers);
    qDeleteAll(m_clients);
    m_mitras.clear();
    m_customers.clear();
    m_clients.clear();
}

} // namespace hb::bench
