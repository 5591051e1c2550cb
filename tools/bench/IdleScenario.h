#pragma once

#include "IdleResult.h"
#include "ProcessMeter.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QProcess;

namespace hb::bench {

class ProtocolClient;

// The idle phase: one instance holds more and more mitras that only heartbeat (e.g. 1k, 5k,
// 10k, 20k). At each level it reports the instance's resident memory per connection and the
// CPU its heartbeats cost, read from /proc (the instance runs on this machine). The
// connections live in helper processes (halobestie-bench --hold-idle), a few thousand each,
// because one process may hold only so many sockets and the load generator must not be the
// bottleneck. Every wait is bounded; helpers take their mitras offline when told to stop.
class IdleScenario : public QObject
{
    Q_OBJECT
public:
    struct Setup
    {
        QUrl url;
        QByteArray secret;
        QString runId;
        qint64 backendPid = 0;
        qint64 valkeyPid = 0;
        int windowS = 30;
        int settleS = 10;
        int perProcess = 5000;
        int heartbeatSamples = 200;
        bool allowRemote = false;
    };

    explicit IdleScenario(Setup setup, QObject *parent = nullptr);
    ~IdleScenario() override;

    // Runs the levels in order; `done` gets each result as soon as it exists.
    void run(const QList<int> &levels, const std::function<void(const IdleResult &)> &done);
    // Helpers take their mitras offline and exit (bounded); idempotent.
    void stop();

private:
    struct Holder
    {
        QProcess *process = nullptr;
        int count = 0;
        int connected = 0, online = 0, failed = 0, dropped = 0;
        QByteArray pending; // stdout not yet split into lines
    };

    bool openProbe(QString *error);
    bool addConnections(int count, QString *error);
    int sum(int Holder::*field) const;
    ProcessSample holdersSample() const;
    LatencySummary heartbeatRtt();

    Setup m_setup;
    ProcessMeter m_backend;
    ProcessMeter m_valkey;
    std::unique_ptr<ProtocolClient> m_probe;
    QList<Holder *> m_holders;
    int m_held = 0;
};

} // namespace hb::bench
