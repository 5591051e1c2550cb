#include "ClientConnection.h"

#include "SocketPolicy.h"

#include "CloseCodes.h"
#include "ConnectionHandler.h"
#include "protocol/ClientMessageParser.h"
#include "UserRateLimiter.h"
#include "protocol/ServerMessages.h"

#include <QRandomGenerator>
#include <QTimerEvent>
#include <QWebSocket>

#include <chrono>

namespace hb {

namespace {

qint64 steadyNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// What the transport accepts in one frame or message. Before `welcome` only the small limit:
// `hello` and `login` are short. After it, our protocol limit is enforced per message (a
// `too_large` error, connection kept) and this hard cap only bounds what a hostile peer can make
// us buffer (Qt's default is ~2 GiB).
void setTransportLimit(QWebSocket *socket, qint64 bytes)
{
    socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(bytes));
    socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(bytes));
    socket->setReadBufferSize(bytes);
}

qint64 hardLimit(const GatewayLimits &limits)
{
    return std::max<qint64>(4LL * limits.maxMessageBytes, 1 << 20);
}

} // namespace

ClientConnection::ClientConnection(QWebSocket *socket, quint64 serial,
                                   const GatewayLimits &limits, ConnectionHandler *handler,
                                   ConnectionTicket *ticket, UserRateLimiter *userLimiter,
                                   QObject *parent)
    : QObject(parent), m_socket(socket),
      m_connectionId(QStringLiteral("c%1").arg(serial)), m_limits(limits), m_handler(handler),
      m_ticket(ticket), m_userLimiter(userLimiter),
      m_bucket(limits.messagesPerS, limits.messageBurst, steadyNowMs())
{
    m_socket->setParent(this);
    // The TCP socket under the QWebSocket belongs to nobody once upgraded (Qt deletes it when it
    // disconnects), so one still lingering after our close frame when the process stops would
    // never be freed. It becomes ours, after the QWebSocket: children go in order, and the
    // QWebSocket's destructor still writes to it. The ticket is its child (the QWebSocket does
    // not expose it).
    if (m_ticket)
        m_transport = qobject_cast<QAbstractSocket *>(m_ticket->parent());
    if (m_transport)
        m_transport->setParent(this);
    setTransportLimit(m_socket, m_limits.maxMessageBytesBeforeHello);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ClientConnection::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ClientConnection::onBinary);
    connect(m_socket, &QWebSocket::disconnected, this, &ClientConnection::onSocketGone);
    connect(m_socket, &QWebSocket::pong, this,
            [this](quint64, const QByteArray &payload) { onPong(payload); });

    m_lastHeard.start();
    m_abuseWindow.start();
    m_helloTimer.start(m_limits.helloTimeoutMs, this);
}

ClientConnection::~ClientConnection()
{
    // The socket is our child; make sure its signals do not reach a half-destroyed object.
    if (m_socket)
        m_socket->disconnect(this);
}

QHostAddress ClientConnection::peerAddress() const
{
    if (m_ticket && !m_ticket->clientAddress().isNull())
        return m_ticket->clientAddress();
    return m_socket->peerAddress();
}

QString ClientConnection::peerAddressText() const
{
    const QHostAddress address = peerAddress();
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    return isIpv4 ? QHostAddress(ipv4).toString() : address.toString();
}

void ClientConnection::send(const QJsonObject &message)
{
    if (m_state == State::Closed)
        return;
    sendText(QString::fromUtf8(encode(message)));
}

void ClientConnection::sendText(const QString &json)
{
    if (m_state == State::Closed)
        return;
    m_socket->sendTextMessage(json);
    // Sends never push back in Qt: a peer that stops reading would grow our buffer without
    // bound, so past the backlog limit it is dropped (its app reconnects and resumes).
    if (m_socket->bytesToWrite() > m_limits.maxSendBacklogBytes) {
        qWarning("connection %s (%s): peer is not reading, %lld bytes queued: dropping it",
                 qPrintable(m_connectionId), qPrintable(m_identity.id),
                 static_cast<long long>(m_socket->bytesToWrite()));
        m_socket->abort();
    }
}

void ClientConnection::sendError(ErrorCode code, const QString &text,
                                 const std::optional<QString> &ref)
{
    send(serverMessage::error(code, text, ref));
}

void ClientConnection::accept(const Identity &identity, const QJsonObject &welcome)
{
    if (m_state != State::Authenticating)
        return;
    m_helloTimer.stop();
    m_identity = identity;
    m_state = State::Ready;
    m_handlerKnows = true;
    setTransportLimit(m_socket, hardLimit(m_limits));
    if (m_ticket)
        m_ticket->markAuthenticated();
    send(welcome);
    const QList<ClientMessage> held = std::exchange(m_heldWhileAuthenticating, {});
    for (const ClientMessage &message : held) {
        if (m_state != State::Ready)
            break;
        process(message);
    }
}

void ClientConnection::reject(const QString &reason, const std::optional<QString> &ref)
{
    if (m_state == State::Closed)
        return;
    sendError(ErrorCode::Unauthorized, reason, ref);
    closeWith(close_code::kUnauthorized, reason);
}

void ClientConnection::closeWith(int code, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    // The close must reach the client even when it is still sending (see SocketPolicy): the
    // socket lingers until the client answers, and this object stays until the socket is gone.
    if (auto *policy = dynamic_cast<SocketPolicy *>(m_transport.data()))
        policy->lingerOnNextClose();
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason.left(120));
    finish();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        announceClosed();
}

void ClientConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_helloTimer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_helloTimer.stop();
    if (m_state == State::AwaitingHello || m_state == State::Authenticating)
        reject(QStringLiteral("no hello within %1 s").arg(m_limits.helloTimeoutMs / 1000),
               std::nullopt);
}

void ClientConnection::checkAlive(qint64 silentLimitMs, qint64 quietMs)
{
    if (m_state == State::Closed)
        return;
    const qint64 silent = m_lastHeard.elapsed();
    if (silent > silentLimitMs) {
        // The server never pings by itself in Qt: without this, a phone that vanished without
        // a FIN would hold its socket until the kernel's keepalive, hours later.
        m_socket->abort();
        return;
    }
    // A peer heard from lately is alive: mitras send a heartbeat every interval, so pinging
    // them too would only double an instance's idle traffic.
    if (silent < quietMs)
        return;
    // A fresh payload each time: a pong must echo this very ping to count.
    const quint64 nonce = QRandomGenerator::global()->generate64();
    m_pingPayload = QByteArray::number(nonce, 36);
    m_socket->ping(m_pingPayload);
}

void ClientConnection::onPong(const QByteArray &payload)
{
    if (m_pingPayload.isEmpty() || payload != m_pingPayload)
        return; // unsolicited, or an old one: proves nothing
    m_pingPayload.clear();
    m_lastHeard.restart();
}

void ClientConnection::onText(const QString &text)
{
    m_lastHeard.restart();
    if (m_state == State::Closed)
        return;
    const QByteArray utf8 = text.toUtf8();
    if (utf8.size() > m_limits.maxMessageBytes) {
        sendError(ErrorCode::TooLarge,
                  QStringLiteral("message of %1 bytes is over the limit of %2 bytes")
                      .arg(utf8.size())
                      .arg(m_limits.maxMessageBytes),
                  std::nullopt);
        countBadMessage();
        return;
    }
    const ParseResult parsed = parseClientMessage(utf8);
    if (!parsed.message) {
        if (m_state == State::AwaitingHello) {
            reject(QStringLiteral("the first message must be hello or login (%1)")
                       .arg(parsed.error.message),
                   parsed.ref);
            return;
        }
        sendError(parsed.error.code, parsed.error.message, parsed.ref);
        countBadMessage();
        return;
    }
    const ClientMessage &message = *parsed.message;

    switch (m_state) {
    case State::AwaitingHello:
        if (!isAuthentication(message.type)) {
            reject(QStringLiteral("the first message must be hello or login, got %1")
                       .arg(typeName(message.type)),
                   message.id);
            return;
        }
        m_state = State::Authenticating;
        m_handler->authenticate(this, message);
        return;
    case State::Authenticating:
        // The client may pipeline messages right after hello; they wait for the verdict.
        if (m_heldWhileAuthenticating.size() >= m_limits.maxQueuedBeforeReady) {
            sendError(ErrorCode::RateLimited, QStringLiteral("too many messages before welcome"),
                      message.id);
            countBadMessage();
            return;
        }
        m_heldWhileAuthenticating.append(message);
        return;
    case State::Ready:
        process(message);
        return;
    case State::Closed:
        return;
    }
}

void ClientConnection::process(const ClientMessage &message)
{
    if (isAuthentication(message.type)) {
        sendError(ErrorCode::BadRequest, QStringLiteral("already authenticated"), message.id);
        countBadMessage();
        return;
    }
    if (!mayBeSentBy(message.type, m_identity.role)) {
        sendError(ErrorCode::Forbidden,
                  QStringLiteral("%1 may not send %2")
                      .arg(toString(m_identity.role), typeName(message.type)),
                  message.id);
        countBadMessage();
        return;
    }
    if (m_identity.role == Role::Staff && changesState(message.type) &&
        !m_identity.isSupervisor()) {
        sendError(ErrorCode::Forbidden,
                  QStringLiteral("%1 changes state: it needs the supervisor role")
                      .arg(typeName(message.type)),
                  message.id);
        return;
    }
    if (!withinRate(message))
        return;
    m_handler->handle(this, message);
}

bool ClientConnection::withinRate(const ClientMessage &message)
{
    const qint64 now = steadyNowMs();
    // Answers to offers come as fast as we push offers (a mitra's app may accept a broadcast
    // burst at once), and their number is bounded by what we sent: they weigh a tenth.
    const double weight = message.type == ClientMessageType::OfferAccept ||
                                  message.type == ClientMessageType::OfferDecline
                              ? 0.1
                              : 1.0;
    qint64 waitMs =
        m_bucket.take(now, weight) ? 0 : std::max<qint64>(1, m_bucket.msUntil(now, weight));
    if (waitMs == 0 && m_userLimiter) {
        // Request and cancel each run a script over every online mitra and push to them all.
        const bool costly = message.type == ClientMessageType::PairingRequest ||
                            message.type == ClientMessageType::PairingCancel;
        const QString user = toString(m_identity.role) + QLatin1Char(':') + m_identity.id;
        waitMs = m_userLimiter->admit(user, costly, now, weight);
    }
    if (waitMs == 0)
        return true;
    QJsonObject error = serverMessage::error(
        ErrorCode::RateLimited,
        QStringLiteral("too many messages: retry in %1 ms").arg(waitMs), message.id);
    // An addition to v1: apps that do not know the field ignore it.
    error.insert(QStringLiteral("retry_after_ms"), waitMs);
    send(error);
    // A client that keeps going after being told is closed with 1008 like other abuse.
    countBadMessage();
    return false;
}

void ClientConnection::onBinary(const QByteArray &)
{
    m_lastHeard.restart();
    if (m_state == State::AwaitingHello) {
        reject(QStringLiteral("binary frames are not part of the protocol"), std::nullopt);
        return;
    }
    sendError(ErrorCode::BadRequest, QStringLiteral("binary frames are not part of the protocol"),
              std::nullopt);
    countBadMessage();
}

void ClientConnection::countBadMessage()
{
    if (m_abuseWindow.elapsed() > m_limits.abuseWindowMs) {
        m_abuseWindow.restart();
        m_badMessages = 0;
    }
    if (++m_badMessages > m_limits.maxBadMessagesPerWindow)
        closeWith(close_code::kPolicyViolation, QStringLiteral("too many bad messages"));
}

void ClientConnection::onSocketGone()
{
    finish();
    announceClosed();
}

void ClientConnection::finish()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_helloTimer.stop();
    // The TCP socket may linger a moment after the WebSocket closed: free its place now.
    if (m_ticket)
        m_ticket->release();
    if (std::exchange(m_handlerKnows, false))
        m_handler->connectionClosed(this);
}

void ClientConnection::announceClosed()
{
    if (!std::exchange(m_closedAnnounced, true))
        emit closed(this);
}

} // namespace hb
