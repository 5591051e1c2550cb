#pragma once

#include "ConnectionCaps.h"
#include "GatewayLimits.h"
#include "TrustedProxies.h"
#include "UserRateLimiter.h"

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QSslConfiguration>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QWebSocketServer;
class QWebSocketCorsAuthenticator;

namespace hb {

class ClientConnection;
class ConnectionHandler;
class ConnectionTicket;
class RequestGate;
class TcpListener;

// The WebSocket endpoint: accepts TCP itself (TCP_NODELAY, a deep backlog for reconnect storms),
// routes by path, checks the Origin, wraps each socket in a ClientConnection and keeps dead
// peers from lingering with its own pings.
class WebSocketGateway : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        GatewayLimits limits;
        QStringList allowedOrigins; // "*" allows every Origin; none sent is always allowed
        int pingIntervalMs = 15000;
        int silentLimitMs = 45000;
        TrustedProxies trustedProxies;
        std::optional<QSslConfiguration> tls; // set: serve wss only
    };

    WebSocketGateway(Options options, ConnectionHandler *handler,
                     std::function<QByteArray()> healthJson, QObject *parent = nullptr);
    ~WebSocketGateway() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    void stopListening();

    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    const ConnectionCaps &caps() const { return *m_caps; }
    // Closes every connection (server shutdown).
    void closeAll(int code, const QString &reason);

private:
    void onAccepted(QTcpSocket *socket);
    void onWebSocket();
    void onOrigin(QWebSocketCorsAuthenticator *authenticator) const;
    void sweepLiveness();

    Options m_options;
    ConnectionHandler *m_handler;
    TcpListener *m_listener;
    RequestGate *m_gate;
    QWebSocketServer *m_server;
    QSet<ClientConnection *> m_connections;
    std::shared_ptr<ConnectionCaps> m_caps;
    UserRateLimiter m_userLimiter;
    // Accepted sockets on their way through the handshake, by peer address and port: the
    // QWebSocket that comes out of QWebSocketServer does not tell which QTcpSocket it wraps.
    QHash<QPair<QString, quint16>, QPointer<ConnectionTicket>> m_handshaking;
    QTimer m_livenessTimer;
    quint64 m_nextSerial = 1;
};

} // namespace hb
