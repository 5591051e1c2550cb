#include "Simulation.h"

#include "EventLoopWait.h"
#include "SimCustomer.h"
#include "SimMitra.h"
#include "SimNames.h"
#include "Tokens.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hb::sim {

namespace {

// Connections opened per second at start, so a large population does not arrive as one burst.
constexpr int kConnectsPerSecond = 500;

QString seconds(double ms)
{
    return QString::number(ms / 1000.0, 'f', ms < 10000 ? 2 : 1) + QStringLiteral(" s");
}

QString mapText(const QMap<QString, qint64> &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

} // namespace

Simulation::Simulation(SimOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)),
      m_random(m_options.seed != 0 ? m_options.seed : QRandomGenerator::system()->generate())
{
    if (m_options.name.isEmpty())
        m_options.name = QStringLiteral("sim-") + bench::newRunId();
    SimMitra::Behaviour behaviour;
    behaviour.acceptDelayMs = m_options.acceptDelayMs;
    behaviour.declineProbability = m_options.declineProbability;
    behaviour.sessionSeconds = m_options.sessionSeconds;
    behaviour.dropRate = m_options.dropRate;
    const auto urlFor = [this](int i) { return m_options.urls.at(i % m_options.urls.size()); };
    for (int i = 0; i < m_options.mitras; ++i) {
        const QString sub = QStringLiteral("%1-m-%2").arg(m_options.name).arg(i + 1);
        m_mitras << new SimMitra(urlFor(i),
                                 bench::mintToolToken(m_options.secret, Role::Mitra, sub,
                                                      mitraDisplayName(i)),
                                 behaviour, &m_counters, &m_random, this);
    }
    for (int i = 0; i < m_options.customers; ++i) {
        const QString sub = QStringLiteral("%1-c-%2").arg(m_options.name).arg(i + 1);
        // Offset by one so, with two instances, customers and mitras of the same index meet
        // across instances.
        m_customers << new SimCustomer(
            urlFor(i + 1),
            bench::mintToolToken(m_options.secret, Role::Customer, sub, customerDisplayName(i)),
            m_options.sessionSeconds, &m_counters, &m_random, this);
    }
    m_pacer.setSingleShot(true);
    connect(&m_pacer, &QTimer::timeout, this, [this] {
        requestFromIdleCustomer();
        scheduleNextRequest();
    });
    connect(&m_report, &QTimer::timeout, this, [this] {
        std::printf("%s\n", qPrintable(summaryLine(QString())));
        std::fflush(stdout);
    });
}

void Simulation::start()
{
    m_clock.start();
    int i = 0;
    for (SimMitra *mitra : std::as_const(m_mitras))
        QTimer::singleShot(1000 * i++ / kConnectsPerSecond, mitra, &SimMitra::start);
    for (SimCustomer *customer : std::as_const(m_customers))
        QTimer::singleShot(1000 * i++ / kConnectsPerSecond, customer, &SimCustomer::start);
    std::printf("sim %s: %d mitras, %d customers over %lld instance(s); user ids %s-m-N / "
                "%s-c-N, display names Indonesian first names\n",
                qPrintable(m_options.name), m_options.mitras, m_options.customers,
                qlonglong(m_options.urls.size()), qPrintable(m_options.name),
                qPrintable(m_options.name));
    std::fflush(stdout);
    // Requests start once the population had time to connect.
    QTimer::singleShot(1000 * i / kConnectsPerSecond + 1000, this,
                       &Simulation::scheduleNextRequest);
    m_report.start(m_options.reportEveryS * 1000);
}

void Simulation::scheduleNextRequest()
{
    if (m_options.requestRate <= 0) {
        m_pacer.start(50); // nonstop: every idle customer asks on each tick
        return;
    }
    // Exponential gaps: requests arrive as a Poisson process, as independent people do.
    const double u = std::max(1e-9, m_random.generateDouble());
    const double gapMs = -std::log(u) / m_options.requestRate * 1000.0;
    m_pacer.start(int(std::clamp(gapMs, 0.0, 3600000.0)));
}

void Simulation::requestFromIdleCustomer()
{
    QList<SimCustomer *> idle;
    for (SimCustomer *customer : std::as_const(m_customers))
        if (customer->isIdle())
            idle << customer;
    if (m_options.requestRate <= 0) {
        for (SimCustomer *customer : std::as_const(idle))
            customer->request();
        return;
    }
    if (idle.isEmpty()) {
        ++m_counters.noIdleCustomer;
        return;
    }
    idle.at(m_random.bounded(int(idle.size())))->request();
}

QString Simulation::summaryLine(const QString &prefix)
{
    int online = 0, away = 0;
    for (const SimMitra *m : std::as_const(m_mitras)) {
        online += m->isOnline() ? 1 : 0;
        away += m->isAway() ? 1 : 0;
    }
    int idle = 0, searching = 0, inSession = 0;
    for (const SimCustomer *c : std::as_const(m_customers)) {
        idle += c->isIdle() ? 1 : 0;
        searching += c->isSearching() ? 1 : 0;
        inSession += c->isInSession() ? 1 : 0;
    }
    const SimCounters &c = m_counters;
    const SimCounters &p = m_previous;
    QString line =
        QStringLiteral("%1[%2 s] mitras %3/%4 online, %5 away | customers %6 idle, %7 searching, "
                       "%8 in session | requests %9 (+%10), started %11 (+%12), failed %13, "
                       "no idle customer %14 | offers %15, accepts %16 (won %17, refused %18), "
                       "declines %19 | pairing p50 %20 p95 %21 | drops %22, heartbeat timeouts "
                       "%23, reconnects %24, errors %25")
            .arg(prefix)
            .arg(m_clock.elapsed() / 1000, 4)
            .arg(online)
            .arg(m_mitras.size())
            .arg(away)
            .arg(idle)
            .arg(searching)
            .arg(inSession)
            .arg(c.requests)
            .arg(c.requests - p.requests)
            .arg(c.started)
            .arg(c.started - p.started)
            .arg(c.failedTotal())
            .arg(c.noIdleCustomer)
            .arg(c.offers)
            .arg(c.accepts)
            .arg(c.acceptsWon)
            .arg(c.acceptsRefused)
            .arg(c.declines)
            .arg(c.pairingInterval.count() ? seconds(c.pairingInterval.percentileMs(50))
                                           : QStringLiteral("–"),
                 c.pairingInterval.count() ? seconds(c.pairingInterval.percentileMs(95))
                                           : QStringLiteral("–"))
            .arg(c.drops)
            .arg(c.heartbeatTimeouts)
            .arg(c.reconnects)
            .arg(c.errorsTotal());
    if (!c.lastDisconnect.isEmpty() && c.lastDisconnect != p.lastDisconnect)
        line += QStringLiteral(" | last disconnect: ") + c.lastDisconnect;
    m_counters.pairingInterval.clear();
    m_previous.lastDisconnect = c.lastDisconnect;
    m_previous.requests = c.requests;
    m_previous.started = c.started;
    return line;
}

QString Simulation::finalReport() const
{
    const SimCounters &c = m_counters;
    return QStringLiteral("pairing (request → session.started): %1 pairings, p50 %2, p95 %3, "
                          "p99 %4, max %5\n"
                          "failed: %6\nsessions ended: %7\nerrors: %8\n")
        .arg(c.pairing.count())
        .arg(seconds(c.pairing.percentileMs(50)), seconds(c.pairing.percentileMs(95)),
             seconds(c.pairing.percentileMs(99)), seconds(c.pairing.maxMs()), mapText(c.failed),
             mapText(c.sessionsEnded), mapText(c.errors));
}

void Simulation::stop()
{
    m_pacer.stop();
    m_report.stop();
    for (SimCustomer *customer : std::as_const(m_customers))
        customer->stop();
    for (SimMitra *mitra : std::as_const(m_mitras))
        mitra->stop();
    using bench::Wait;
    bench::runUntil(
        [this] {
            return std::all_of(m_customers.cbegin(), m_customers.cend(),
                               [](SimCustomer *c) { return c->isSettled(); }) &&
                   std::all_of(m_mitras.cbegin(), m_mitras.cend(),
                               [](SimMitra *m) { return m->isSettled(); });
        },
        5000, Wait::EvenIfInterrupted);
    for (SimCustomer *customer : std::as_const(m_customers))
        customer->disconnectNow();
    for (SimMitra *mitra : std::as_const(m_mitras))
        mitra->disconnectNow();
    // Let the close frames go out.
    bench::runUntil([] { return false; }, 200, Wait::EvenIfInterrupted);
}

} // namespace hb::sim
