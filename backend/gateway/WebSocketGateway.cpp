#include "WebSocketGateway.h"

#include "ClientConnection.h"
#include "RequestGate.h"
#include "TcpListener.h"

#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

namespace hb {

WebSocketGateway::WebSocketGateway(Options options, ConnectionHandler *handler,
                                   std::function<QByteArray()> healthJson, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_handler(handler),
      m_listener(new TcpListener(this)), m_gate(new RequestGate(std::move(healthJson), this)),
      m_server(new QWebSocketServer(QStringLiteral("halobestie"),
                                    QWebSocketServer::NonSecureMode, this))
{
    // Many apps reconnect at once after a restart: Qt's defaults (30 pending, backlog 50)
    // would refuse some of them.
    m_listener->setMaxPendingConnections(4096);
    m_listener->setListenBacklogSize(4096);
    m_server->setMaxPendingConnections(4096);
    m_server->setHandshakeTimeout(std::chrono::milliseconds(10000));

    connect(m_listener, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_listener->nextPendingConnection())
            m_gate->admit(socket);
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

void WebSocketGateway::onWebSocket()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        // Qt accepts messages up to ~2 GiB by default. Our protocol limit is enforced per
        // message in ClientConnection (with a `too_large` error, connection kept); this hard
        // cap only bounds what a hostile peer can make us buffer.
        const qint64 hardLimit = std::max<qint64>(4LL * m_options.limits.maxMessageBytes, 1 << 20);
        socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(hardLimit));
        socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(hardLimit));
        socket->setReadBufferSize(hardLimit);

        auto *connection =
            new ClientConnection(socket, m_nextSerial++, m_options.limits, m_handler, this);
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
}

} // namespace hb
