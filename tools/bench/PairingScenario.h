#pragma once

#include "PairingResult.h"
#include "PairingStats.h"
#include "ProcessMeter.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace hb::bench {

class BenchCustomer;
class BenchMitra;
class ProtocolClient;

// One population of simulated apps (N instant-accept mitras on one URL, C customers on another)
// and the phases run with it. Every wait is bounded; a phase that runs out of time reports what
// it measured and says so.
class PairingScenario : public QObject
{
    Q_OBJECT
public:
    struct Setup
    {
        QUrl customerUrl;
        QUrl mitraUrl;
        QByteArray secret;
        QString runId;
        QString label;
        int mitras = 10;
        int customers = 1;
        int requestTimeoutMs = 10000;
        int phaseTimeoutMs = 120000;
        QList<ProcessMeter> servers; // measured over each phase's window
    };

    explicit PairingScenario(Setup setup, QObject *parent = nullptr);
    ~PairingScenario() override;

    // Connects everyone and puts the mitras online; false (and why) if that failed.
    bool start(QString *error);
    // The label to print: the strategy if the server announced one, else --label.
    QString label() const;

    // One request in flight at a time, from one customer: `warmup` unmeasured, then `requests`.
    PairingResult runLight(int warmup, int requests, int heartbeatSamples);
    // `concurrency` customers requesting in a loop; measured over `durationMs` after
    // `warmupMs`, then drained.
    PairingResult runSustained(int concurrency, int warmupMs, int durationMs, int heartbeatSamples);

    // Mitras offline (so a later phase is not offered to them), everyone disconnected.
    void stop();

private:
    PairingResult newResult(const QString &scenario, int inFlight) const;
    void fillFromStats(PairingResult &result) const;
    LatencySummary measureHeartbeatRtt(int samples);
    bool drain(const QList<BenchCustomer *> &customers);
    QList<ProcessSample> sampleServers() const;
    void addServerUse(PairingResult &result, const QList<ProcessSample> &before,
                      double seconds) const;

    Setup m_setup;
    PairingStats m_stats;
    QList<ProtocolClient *> m_clients;
    QList<BenchMitra *> m_mitras;
    QList<BenchCustomer *> m_customers;
};

} // namespace hb::bench
