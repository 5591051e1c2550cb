#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <atomic>

namespace hb::bench {

class ProtocolClient;

// One thread's share of the idle mitras a holder process keeps: each connects, says `hello`,
// goes online and sends `heartbeat` at the interval `welcome` gives, nothing else. Spread over
// threads so no thread's event loop watches more than about a thousand sockets (the load
// generator must not be what limits the figures).
class IdleShard : public QObject
{
    Q_OBJECT
public:
    struct Setup
    {
        QUrl url;
        QByteArray secret;
        QString prefix; // user ids <prefix>-<i>
        int first = 0;
        int count = 0;
    };

    explicit IdleShard(Setup setup);
    ~IdleShard() override;

    // In the shard's thread (queued calls).
    Q_INVOKABLE void start();
    // Everyone offline (confirmed, or after a bound), then closed; `stopped` follows.
    Q_INVOKABLE void stop();

    // Read from any thread.
    std::atomic<int> connected{0};
    std::atomic<int> online{0};
    std::atomic<int> failed{0};  // never got `welcome`
    std::atomic<int> dropped{0}; // lost after `welcome`

signals:
    void stopped();

private:
    void openMore();
    void finishStop();

    Setup m_setup;
    QList<ProtocolClient *> m_clients;
    QList<bool> m_online;
    qsizetype m_nextToOpen = 0;
    int m_pending = 0;
    int m_offlinePending = 0;
    bool m_stopping = false;
    bool m_finished = false;
    QTimer m_stopBound;
};

} // namespace hb::bench
