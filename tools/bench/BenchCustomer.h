#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <optional>

namespace hb::bench {

class PairingStats;
class ProtocolClient;

// A customer that asks for a Bestie again and again: `pairing.request`, wait for
// `session.started` (the measured latency), `session.end` at once so the mitra's slot frees,
// wait for `session.ended`, and ask again while its ticket source allows. Anything that goes
// wrong (failure, error, no answer within the request timeout) is counted and the request
// cancelled, so one bad request never stalls the run.
class BenchCustomer : public QObject
{
    Q_OBJECT
public:
    // Called before each request: nullopt = stop; otherwise whether the request is measured
    // (false = warm-up).
    using TicketSource = std::function<std::optional<bool>()>;

    BenchCustomer(ProtocolClient *client, PairingStats *stats, int requestTimeoutMs,
                  QObject *parent = nullptr);

    ProtocolClient *client() const { return m_client; }
    void start(TicketSource tickets);
    // Takes no further tickets; the pairing under way finishes (or times out).
    void stop() { m_tickets = nullptr; }
    // Nothing open: no request, no session, no cancel in flight.
    bool isIdle() const { return m_state == State::Idle; }

private:
    enum class State { Idle, Requesting, Cancelling, Ending };

    void next();
    void nextSoon();
    void onMessage(const QJsonObject &message, qint64 receivedNs);
    void onDeadline();
    void cancel(const QString &requestId);

    ProtocolClient *m_client;
    PairingStats *m_stats;
    int m_requestTimeoutMs;
    TicketSource m_tickets;
    QTimer m_deadline;
    State m_state = State::Idle;
    bool m_measured = false;
    qint64 m_sentNs = 0;
    qint64 m_foundNs = 0;
    QString m_requestRef;
    QString m_requestId;
    QString m_cancelRef;
    QString m_sessionId;
    QString m_endRef;
};

} // namespace hb::bench
