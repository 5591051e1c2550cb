#pragma once

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

// A customer's phone: asks for a Bestie when told to ("Mulai Curhat"), waits, talks for a
// while and ends the session unless the mitra does first. After a lost connection it
// reconnects and picks up what the server re-sends (open request, running session).
class SimCustomer : public QObject
{
    Q_OBJECT
public:
    SimCustomer(const QUrl &url, const QString &token, int sessionSeconds, SimCounters *counters,
                QRandomGenerator *random, QObject *parent = nullptr);

    void start();
    void request();
    // Cancels an open request or ends a running session; isSettled() once done.
    void stop();
    bool isSettled() const;
    void disconnectNow();

    bool isIdle() const { return m_state == State::Idle && !m_stopping; }
    bool isSearching() const { return m_state == State::Searching; }
    bool isInSession() const { return m_state == State::InSession; }

private:
    enum class State { Disconnected, Idle, Requesting, Searching, InSession };

    void connectNow();
    void onMessage(const QJsonObject &message, qint64 receivedNs);
    void onClosed();
    void becomeIdle();
    QString send(const QJsonObject &message);

    QUrl m_url;
    QString m_token;
    int m_sessionSeconds;
    SimCounters *m_counters;
    QRandomGenerator *m_random;
    bench::ProtocolClient *m_client = nullptr;
    State m_state = State::Disconnected;
    QTimer m_sessionEnd;
    qint64 m_sentNs = 0; // when this connection sent the open request; 0 if it did not
    QString m_requestRef;
    QString m_requestId;
    QString m_sessionId;
    QString m_startedSessionId; // the last session whose start was counted
    bool m_stopping = false;
    bench::ReconnectBackoff m_backoff;
};

} // namespace hb::sim
