#include "IdleScenario.h"

#include "Progress.h"
#include "protocol/ClientMessageWriter.h"

#include "EventLoopWait.h"
#include "ProtocolClient.h"
#include "RoundTripProbe.h"
#include "Tokens.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>

#include <cstdio>

namespace hb::bench {

namespace {

// Descriptors the instance keeps for itself (listener, Valkey, PostgreSQL, files) and a margin.
constexpr qint64 kDescriptorReserve = 64;


} // namespace

IdleScenario::IdleScenario(Setup setup, QObject *parent)
    : QObject(parent), m_setup(std::move(setup)),
      m_backend(QStringLiteral("instance"), m_setup.backendPid),
      m_valkey(QStringLiteral("Valkey"), m_setup.valkeyPid)
{}

IdleScenario::~IdleScenario()
{
    stop();
}

int IdleScenario::sum(int Holder::*field) const
{
    int n = 0;
    for (const Holder *h : m_holders)
        n += h->*field;
    return n;
}

ProcessSample IdleScenario::holdersSample() const
{
    ProcessSample total;
    total.valid = true;
    for (const Holder *h : m_holders) {
        const ProcessSample s = ProcessMeter(QString(), h->process->processId()).sample();
        total.cpuSeconds += s.cpuSeconds;
        total.rssKiB += s.rssKiB;
    }
    return total;
}

bool IdleScenario::openProbe(QString *error)
{
    const QString sub = QStringLiteral("bench-%1-idle-probe").arg(m_setup.runId);
    m_probe = std::make_unique<ProtocolClient>(
        m_setup.url, mintToolToken(m_setup.secret, Role::Customer, sub, sub));
    QString failure;
    connect(m_probe.get(), &ProtocolClient::closed, this, [&failure](const QString &why) {
        failure = why;
    });
    m_probe->open();
    if (!runUntil([&] { return m_probe->isReady() || !failure.isEmpty(); }, 20000) ||
        !failure.isEmpty()) {
        *error = failure.isEmpty() ? QStringLiteral("no welcome within 20 s") : failure;
        return false;
    }
    disconnect(m_probe.get(), &ProtocolClient::closed, this, nullptr);
    return true;
}

LatencySummary IdleScenario::heartbeatRtt()
{
    if (!m_probe || m_probe->isClosed() || m_setup.heartbeatSamples <= 0)
        return {};
    ProtocolClient *client = m_probe.get();
    RoundTripProbe probe(
        [client] {
            client->send(toJson(ClientMessage::make(clientmsg::Heartbeat{})));
        },
        m_setup.heartbeatSamples);
    const auto wire =
        connect(client, &ProtocolClient::message, this, [&](const QJsonObject &m, qint64 ns) {
            if (m.value(QStringLiteral("type")).toString() == QLatin1String("heartbeat.ack"))
                probe.replied(ns);
        });
    probe.start();
    runUntil([&] { return probe.isDone() || client->isClosed(); }, 60000);
    disconnect(wire);
    return LatencySummary::of(probe.latencies());
}

bool IdleScenario::addConnections(int count, QString *error)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The secret goes by environment, not on a command line anyone can read.
    environment.insert(QStringLiteral("HALOBESTIE_JWT_SECRET"), QString::fromUtf8(m_setup.secret));
    const int target = m_held + count;
    while (count > 0) {
        auto *holder = new Holder;
        holder->count = std::min(count, m_setup.perProcess);
        count -= holder->count;
        holder->process = new QProcess(this);
        holder->process->setProcessEnvironment(environment);
        holder->process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList arguments{QStringLiteral("--hold-idle"), QString::number(holder->count),
                              QStringLiteral("--name"),
                              QStringLiteral("bench-%1-idle-h%2-m")
                                  .arg(m_setup.runId)
                                  .arg(m_holders.size()),
                              QStringLiteral("--url"), m_setup.url.toString()};
        if (m_setup.allowRemote)
            arguments << QStringLiteral("--allow-remote");
        connect(holder->process, &QProcess::readyReadStandardOutput, this, [holder] {
            holder->pending += holder->process->readAllStandardOutput();
            qsizetype newline;
            while ((newline = holder->pending.indexOf('\n')) >= 0) {
                const QList<QByteArray> f = holder->pending.left(newline).split(' ');
                holder->pending.remove(0, newline + 1);
                if (f.size() == 5 && f.at(0) == "status") {
                    holder->connected = f.at(1).toInt();
                    holder->online = f.at(2).toInt();
                    holder->failed = f.at(3).toInt();
                    holder->dropped = f.at(4).toInt();
                }
            }
        });
        holder->process->start(QCoreApplication::applicationFilePath(), arguments);
        m_holders << holder;
    }
    m_held = target;
    const int timeoutMs = 60000 + 5 * target;
    const bool ready = runUntil(
        [this, target] {
            for (const Holder *h : std::as_const(m_holders))
                if (h->process->state() == QProcess::NotRunning)
                    return true;
            return sum(&Holder::online) >= target ||
                   sum(&Holder::online) + sum(&Holder::failed) + sum(&Holder::dropped) >= target;
        },
        timeoutMs);
    for (const Holder *h : std::as_const(m_holders)) {
        if (h->process->state() == QProcess::NotRunning) {
            *error = QStringLiteral("a helper process exited (code %1)").arg(h->process->exitCode());
            return false;
        }
    }
    if (!ready) {
        *error = interrupted() ? QStringLiteral("interrupted")
                               : QStringLiteral("only %1 of %2 online after %3 s")
                                     .arg(sum(&Holder::online))
                                     .arg(target)
                                     .arg(timeoutMs / 1000);
        return false;
    }
    return true;
}

void IdleScenario::run(const QList<int> &levels,
                       const std::function<void(const IdleResult &)> &done)
{
    QString error;
    if (!openProbe(&error)) {
        IdleResult failed;
        failed.note = QStringLiteral("cannot connect: ") + error;
        done(failed);
        return;
    }
    const int intervalS = m_probe->heartbeatIntervalMs() / 1000;

    // The instance with no idle connection: memory, and the CPU its timers cost by themselves.
    const double baselineS = std::min(m_setup.windowS, 10);
    ProcessSample before = m_backend.sample();
    runFor(int(baselineS * 1000));
    ProcessSample after = m_backend.sample();
    const double idleCpu = cpuPercent(before, after, baselineS);
    const qint64 baseRss = after.rssKiB;
    {
        IdleResult zero;
        zero.windowSeconds = baselineS;
        zero.rssKiB = baseRss;
        zero.cpuPercent = zero.idleCpuPercent = idleCpu;
        zero.heartbeatRtt = heartbeatRtt();
        done(zero);
    }

    for (const int requested : levels) {
        if (interrupted())
            break;
        IdleResult r;
        r.requested = requested;
        r.idleCpuPercent = idleCpu;
        // One process may hold only so many descriptors: stay below the instance's limit.
        const qint64 limit = m_backend.openFileLimit();
        const qint64 room = limit > 0 ? limit - m_backend.openFiles() - kDescriptorReserve : 1 << 30;
        int wanted = requested;
        if (requested - m_held > room) {
            wanted = int(m_held + std::max<qint64>(0, room));
            r.note = QStringLiteral("held %1: the instance's open-file limit is %2").arg(wanted).arg(limit);
        }
        if (wanted < m_held)
            continue;
        progress(QStringLiteral("idle: %1 mitras online and heartbeating every %2 s...")
                     .arg(wanted)
                     .arg(intervalS));
        if (wanted > m_held && !addConnections(wanted - m_held, &error)) {
            r.held = m_held;
            r.online = sum(&Holder::online);
            r.note = error;
            done(r);
            break;
        }
        r.held = wanted;
        runFor(m_setup.settleS * 1000);
        before = m_backend.sample();
        const ProcessSample valkeyBefore = m_valkey.sample();
        const ProcessSample holdersBefore = holdersSample();
        const qint64 startNs = ProtocolClient::nowNs();
        runFor(m_setup.windowS * 1000);
        const double seconds = double(ProtocolClient::nowNs() - startNs) / 1e9;
        after = m_backend.sample();
        r.windowSeconds = seconds;
        r.online = sum(&Holder::online);
        r.rssKiB = after.rssKiB;
        r.rssPerConnectionKiB = double(after.rssKiB - baseRss) / double(std::max(1, r.held));
        r.cpuPercent = cpuPercent(before, after, seconds);
        if (m_setup.valkeyPid > 0)
            r.valkeyCpuPercent = cpuPercent(valkeyBefore, m_valkey.sample(), seconds);
        r.holdersCpuPercent = cpuPercent(holdersBefore, holdersSample(), seconds);
        r.heartbeatsPerSecond = double(r.online) / std::max(1, intervalS);
        const double heartbeats = r.heartbeatsPerSecond * seconds;
        if (heartbeats > 0)
            r.cpuUsPerHeartbeat =
                (r.cpuPercent - idleCpu) / 100.0 * seconds / heartbeats * 1e6;
        if (sum(&Holder::dropped) > 0)
            r.note += QStringLiteral("%1%2 connections dropped")
                          .arg(r.note.isEmpty() ? QString() : QStringLiteral("; "))
                          .arg(sum(&Holder::dropped));
        r.heartbeatRtt = heartbeatRtt();
        done(r);
        if (wanted < requested)
            break; // no higher level fits either
    }
}

void IdleScenario::stop()
{
    if (m_probe) {
        m_probe->close();
        runUntil([this] { return m_probe->isClosed(); }, 2000, Wait::EvenIfInterrupted);
        m_probe.reset();
    }
    if (m_holders.isEmpty())
        return;
    progress(QStringLiteral("idle: taking %1 mitras offline").arg(sum(&Holder::online)));
    for (Holder *h : std::as_const(m_holders))
        h->process->closeWriteChannel();
    runUntil(
        [this] {
            for (const Holder *h : std::as_const(m_holders))
                if (h->process->state() != QProcess::NotRunning)
                    return false;
            return true;
        },
        60000, Wait::EvenIfInterrupted);
    for (Holder *h : std::as_const(m_holders)) {
        if (h->process->state() != QProcess::NotRunning) {
            h->process->kill();
            h->process->waitForFinished(5000);
        }
        delete h->process;
        delete h;
    }
    m_holders.clear();
    m_held = 0;
}

} // namespace hb::bench
