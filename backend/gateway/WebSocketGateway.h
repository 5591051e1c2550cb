#pragma once

#include "GatewayLimits.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <functional>

class QWebSocketServer;
class QWebSocketCorsAuthenticator;

namespace hb {

class ClientConnection;
class ConnectionHandler;
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
    };

    WebSocketGateway(Options options, ConnectionHandler *handler,
                     std::function<QByteArray()> healthJson, QObject *parent = nullptr);
    ~WebSocketGateway() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    void stopListening();

    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    // Closes every connection (server shutdown).
    void closeAll(int code, const QString &reason);

private:
    void onWebSocket();
    void onOrigin(QWebSocketCorsAuthenticator *authenticator) const;
    void sweepLiveness();

    Options m_options;
    ConnectionHandler *m_handler;
    TcpListener *m_listener;
    RequestGate *m_gate;
    QWebSocketServer *m_server;
    QSet<ClientConnection *> m_connections;
    QTimer m_livenessTimer;
    quint64 m_nextSerial = 1;
};

} // namespace hb
