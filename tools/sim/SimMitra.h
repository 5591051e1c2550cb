#pragma once

#include <QHash>
#include <QJsonObject>
#include "ReconnectBackoff.h"

#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QTimer>
#include <QUrl>

namespace hb::bench {
class ProtocolClient;
}

namespace hb::sim {

struct SimCounters;

// A mitra's phone: goes online, beats its heart, answers each offer after a human delay
// (accept, or decline with some probability), ends some sessions itself, and now and then
// drops off: either the network goes (socket dropped without a close frame) or the app
// freezes (socket open, no heartbeats) for a while, then it comes back and carries on with
// whatever state the server re-sends.
class SimMitra : public QObject
{
    Q_OBJECT
public:
    struct Behaviour
    {
        int acceptDelayMs = 2000;
        double declineProbability = 0.1;
        int sessionSeconds = 30;
        double dropRate = 0;
    };

    SimMitra(const QUrl &url, const QString &token, Behaviour behaviour, SimCounters *counters,
             QRandomGenerator *random, QObject *parent = nullptr);

    void start();
    // Goes offline and closes; isSettled() once the server confirmed or the socket is gone.
    void stop();
    bool isSettled() const;
    void disconnectNow();

    bool isConnected() const;
    bool isOnline() const { return m_online && isConnected() && !m_frozen; }
    bool isAway() const { return m_away; }
    int sessionCount() const { return int(m_sessionTimers.size()); }

private:
    void connectNow();
    void onMessage(const QJsonObject &message);
    void onClosed();
    void onHeartbeatTick();
    void comeBackLater(bool dropped);
    void answerLater(const QString &requestId);
    void trackSession(const QString &sessionId);
    void forgetSession(const QString &sessionId);
    QString send(const QJsonObject &message);
    int around(int meanMs);

    QUrl m_url;
    QString m_token;
    Behaviour m_behaviour;
    SimCounters *m_counters;
    QRandomGenerator *m_random;
    bench::ProtocolClient *m_client = nullptr;
    QTimer m_dropCheck;
    QHash<QString, QTimer *> m_offerTimers;   // request id -> its answer, still to come
    QHash<QString, QTimer *> m_sessionTimers; // session id -> this side ending it
    QHash<QString, QString> m_acceptRefs;     // accept `id` -> request id
    bool m_online = false;
    bool m_away = false;   // dropped off or frozen right now
    bool m_frozen = false; // socket open, app not running
    bool m_stopping = false;
    int m_heartbeatMs = 10000;
    int m_heartbeatTimeoutMs = 30000;
    bench::ReconnectBackoff m_backoff;
};

} // namespace hb::sim
