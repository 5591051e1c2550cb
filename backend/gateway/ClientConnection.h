#pragma once

#include "ConnectionTicket.h"
#include "GatewayLimits.h"
#include "TokenBucket.h"
#include "domain/Identity.h"
#include "protocol/ClientMessage.h"
#include "protocol/ErrorCode.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QBasicTimer>
#include <QPointer>

#include <optional>

class QAbstractSocket;
class QWebSocket;

namespace hb {

class ConnectionHandler;
class UserRateLimiter;

// One client's WebSocket: enforces the hello deadline, message size, JSON validity and which
// role may send what, then hands well-formed messages to the ConnectionHandler. A bad message
// gets an `error` and changes nothing; the connection stays open unless abuse repeats.
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { AwaitingHello, Authenticating, Ready, Closed };

    // `ticket` (may be null) holds this connection's place in the caps and its client address;
    // `userLimiter` (may be null) is the instance's per-user rate limiter.
    ClientConnection(QWebSocket *socket, quint64 serial, const GatewayLimits &limits,
                     ConnectionHandler *handler, ConnectionTicket *ticket,
                     UserRateLimiter *userLimiter, QObject *parent = nullptr);
    ~ClientConnection() override;

    // Unique within this process; with the instance id, unique in the cluster.
    QString connectionId() const { return m_connectionId; }
    State state() const { return m_state; }
    const Identity &identity() const { return m_identity; }
    // The client's address: the peer's, or what a trusted proxy said it is.
    QHostAddress peerAddress() const;
    // The client's address as people read it (an IPv4-mapped IPv6 address shown as IPv4), for
    // logs and the audit log.
    QString peerAddressText() const;

    void send(const QJsonObject &message);
    // A message already encoded (compact JSON), e.g. one text sent to many users.
    void sendText(const QString &json);
    void sendError(ErrorCode code, const QString &text, const std::optional<QString> &ref);

    // Authentication outcome, from the handler. accept() sends `welcome` first, then
    // handles whatever the client sent meanwhile.
    void accept(const Identity &identity, const QJsonObject &welcome);
    void reject(const QString &reason, const std::optional<QString> &ref);

    void closeWith(int code, const QString &reason);

    // Liveness: called by the gateway's sweep; drops a peer silent for longer than
    // `silentLimitMs`, pings one silent for at least `quietMs`, leaves the others alone.
    void checkAlive(qint64 silentLimitMs, qint64 quietMs);

signals:
    void closed(hb::ClientConnection *connection);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void onText(const QString &text);
    void onBinary(const QByteArray &data);
    void process(const ClientMessage &message);
    void countBadMessage();
    // False (and the client told `rate_limited`) when the message is over a rate limit.
    bool withinRate(const ClientMessage &message);
    void onPong(const QByteArray &payload);
    void onSocketGone();
    // Closed for the handler and the caps (idempotent); the object itself goes once the socket
    // is gone, which announceClosed() tells the gateway (once).
    void finish();
    void announceClosed();

    QWebSocket *m_socket;
    QString m_connectionId;
    GatewayLimits m_limits;
    ConnectionHandler *m_handler;
    State m_state = State::AwaitingHello;
    Identity m_identity;
    // A QBasicTimer, not a QTimer: no object (and no signal connection) per connection.
    QBasicTimer m_helloTimer;
    QList<ClientMessage> m_heldWhileAuthenticating;
    QElapsedTimer m_lastHeard;
    // The payload of our outstanding ping: only a pong that echoes it proves the peer reads
    // (an unsolicited pong costs a peer nothing and would keep a dead reader alive).
    QByteArray m_pingPayload;
    QPointer<ConnectionTicket> m_ticket;
    QPointer<QAbstractSocket> m_transport; // the TCP (or TLS) socket under m_socket
    UserRateLimiter *m_userLimiter;
    TokenBucket m_bucket;
    QElapsedTimer m_abuseWindow;
    int m_badMessages = 0;
    bool m_handlerKnows = false; // connectionClosed() is owed to the handler
    bool m_closedAnnounced = false;
};

} // namespace hb
