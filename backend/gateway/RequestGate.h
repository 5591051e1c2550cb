#pragma once

#include "TrustedProxies.h"

#include <QByteArray>
#include <QHash>
#include <QObject>

#include <functional>

class QTcpSocket;

namespace hb {

class ConnectionTicket;

// Reads the HTTP request head (request line and headers) of a freshly accepted socket without
// consuming it, and decides where the socket goes: `/v1/ws` to the WebSocket server (which then
// reads the same head itself), `/health` answered here, anything else refused before any
// WebSocket handshake happens.
//
// The whole head must arrive within `headTimeoutMs` and fit in `maxHeadBytes`: QWebSocketServer
// applies no handshake deadline to sockets handed to it, so without this a peer dribbling
// header lines (slowloris) would hold its socket forever. From a trusted proxy the head may be
// preceded by a PROXY protocol v1 line (consumed here), and its X-Forwarded-For names the
// client; the client's address then counts against the per-address cap.
class RequestGate : public QObject
{
    Q_OBJECT
public:
    using HealthProvider = std::function<QByteArray()>; // JSON body of GET /health

    struct Options
    {
        int headTimeoutMs = 10000;
        int maxHeadBytes = 16 * 1024;
        TrustedProxies trustedProxies;
    };

    RequestGate(Options options, HealthProvider health, QObject *parent = nullptr);

    // Takes ownership of a freshly accepted socket; `ticket` is its child (may be null).
    void admit(QTcpSocket *socket, ConnectionTicket *ticket);

    static constexpr int kMaxRequestLineBytes = 8192;

signals:
    void webSocketRequested(QTcpSocket *socket);

private:
    struct Pending
    {
        ConnectionTicket *ticket = nullptr;
        bool proxyChecked = false;
    };

    void inspect(QTcpSocket *socket);
    bool readProxyLine(QTcpSocket *socket, Pending &pending);
    void route(QTcpSocket *socket, ConnectionTicket *ticket, const QByteArray &head);
    void respond(QTcpSocket *socket, const QByteArray &status, const QByteArray &body);

    Options m_options;
    HealthProvider m_health;
    // Sockets whose head has not been decided yet. A hash here rather than a dynamic property
    // on each socket: a property costs every connection a few hundred bytes for life.
    QHash<QTcpSocket *, Pending> m_pending;
};

} // namespace hb
