#include "WebSocketGateway.h"

#include "AcceptGuard.h"
#include "ClientConnection.h"
#include "ConnectionTicket.h"
#include "RequestGate.h"
#include "TcpListener.h"

#include <QSslSocket>
#include <chrono>

#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

namespace hb {

WebSocketGateway::WebSocketGateway(Options options, ConnectionHandler *handler,
                                   std::function<QByteArray()> healthJson, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_handler(handler),
      m_listener(new TcpListener(m_options.limits.maxSendBacklogBytes,
                                  m_options.limits.closeLingerMs, this)),
      m_gate(new RequestGate(RequestGate::Options{m_options.limits.requestHeadTimeoutMs,
                                                  m_options.limits.maxRequestHeadBytes,
                                                  m_options.trustedProxies},
                             std::move(healthJson), this)),
      // NonSecureMode even for wss: TLS is already running on the sockets we hand over.
      m_server(new QWebSocketServer(QStringLiteral("halobestie"),
                                    QWebSocketServer::NonSecureMode, this)),
      m_caps(std::make_shared<ConnectionCaps>(m_options.limits.connections)),
      m_userLimiter(m_options.limits.user)
{
    if (m_options.tls)
        m_listener->setTls(*m_options.tls);
    new AcceptGuard(m_listener);
    // Many apps reconnect at once after a restart: Qt's defaults (30 pending, backlog 50)
    // would refuse some of them.
    m_listener->setMaxPendingConnections(4096);
    m_listener->setListenBacklogSize(4096);
    m_server->setMaxPendingConnections(4096);
    m_server->setHandshakeTimeout(std::chrono::milliseconds(10000));

    connect(m_listener, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_listener->nextPendingConnection())
            onAccepted(socket);
    });
    connect(m_gate, &RequestGate::webSocketRequested, this,
            [this](QTcpSocket *socket) { m_server->handleConnection(socket); });
    connect(m_server, &QWebSocketServer::newConnection, this, &WebSocketGateway::onWebSocket);
    // Must be direct: the authenticator lives only for the duration of the emission.
    connect(m_server, &QWebSocketServer::originAuthenticationRequired, this,
            &WebSocketGateway::onOrigin, Qt::DirectConnection);

    connect(&m_livenessTimer, &QTimer::timeout, this, &WebSocketGateway::sweepLiveness);
    m_livenessTimer.start(m_options.pingIntervalMs);
}

WebSocketGateway::~WebSocketGateway()
{
    // Connections tell the handler they closed; the handler may already be going away.
    for (ClientConnection *c : std::as_const(m_connections))
        c->disconnect(this);
}

bool WebSocketGateway::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_listener->listen(address, port)) {
        *error = m_listener->errorString();
        return false;
    }
    return true;
}

quint16 WebSocketGateway::port() const
{
    return m_listener->serverPort();
}

void WebSocketGateway::stopListening()
{
    m_listener->close();
}

void WebSocketGateway::closeAll(int code, const QString &reason)
{
    const QSet<ClientConnection *> all = m_connections;
    for (ClientConnection *c : all)
        c->closeWith(code, reason);
}

void WebSocketGateway::onAccepted(QTcpSocket *socket)
{
    const auto refuse = [socket](const QByteArray &status, const char *why) {
        // Plain HTTP can be told why; a TLS socket has not finished its handshake: just close.
        if (!qobject_cast<QSslSocket *>(socket)) {
            const QByteArray body = QByteArray("{\"error\":\"") + why + "\"}";
            socket->write("HTTP/1.1 " + status +
                          "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                          "Retry-After: 5\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body);
        }
        socket->setParent(nullptr);
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
    };
    switch (m_caps->admitConnection()) {
    case ConnectionCaps::Verdict::Admitted:
        break;
    case ConnectionCaps::Verdict::TooManyInTotal:
        refuse("503 Service Unavailable", "this server is full: try again later");
        return;
    default:
        refuse("503 Service Unavailable", "too many connections waiting to sign in");
        return;
    }
    auto *ticket = new ConnectionTicket(m_caps, socket);
    // Behind a trusted proxy the client's address is known only from the request head (the
    // gate counts it then); anyone else is counted by its own address now.
    if (!m_options.trustedProxies.contains(socket->peerAddress()) &&
        !ticket->admitClient(unmapped(socket->peerAddress()))) {
        ticket->release();
        refuse("429 Too Many Requests", "too many connections from this address");
        return;
    }
    const auto key = qMakePair(socket->peerAddress().toString(), socket->peerPort());
    m_handshaking.insert(key, ticket);
    connect(ticket, &QObject::destroyed, this, [this, key] {
        auto it = m_handshaking.find(key);
        if (it != m_handshaking.end() && it->isNull())
            m_handshaking.erase(it);
    });
    m_gate->admit(socket, ticket);
}

void WebSocketGateway::onWebSocket()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const QPointer<ConnectionTicket> ticket =
            m_handshaking.take(qMakePair(socket->peerAddress().toString(), socket->peerPort()));
        auto *connection = new ClientConnection(socket, m_nextSerial++, m_options.limits,
                                                m_handler, ticket.data(), &m_userLimiter, this);
        m_connections.insert(connection);
        connect(connection, &ClientConnection::closed, this, [this](ClientConnection *c) {
            m_connections.remove(c);
            c->deleteLater();
        });
    }
}

void WebSocketGateway::onOrigin(QWebSocketCorsAuthenticator *authenticator) const
{
    const QString origin = authenticator->origin();
    const bool allowed = origin.isEmpty() || m_options.allowedOrigins.contains(QStringLiteral("*")) ||
                         m_options.allowedOrigins.contains(origin);
    authenticator->setAllowed(allowed);
}

void WebSocketGateway::sweepLiveness()
{
    const QSet<ClientConnection *> all = m_connections;
    for (ClientConnection *c : all)
        c->checkAlive(m_options.silentLimitMs, m_options.pingIntervalMs);
    m_userLimiter.prune(std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now().time_since_epoch())
                            .count());
}

} // namespace hb
