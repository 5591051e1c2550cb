#pragma once

#include <QByteArray>
#include <QObject>
#include <QSet>

#include <functional>

class QTcpSocket;

namespace hb {

// Looks at the first line of an HTTP request without consuming it and decides where the socket
// goes: `/v1/ws` to the WebSocket server (which then reads the whole handshake itself), `/health`
// answered here, anything else refused with 404 before any WebSocket handshake happens.
class RequestGate : public QObject
{
    Q_OBJECT
public:
    using HealthProvider = std::function<QByteArray()>; // JSON body of GET /health

    RequestGate(HealthProvider health, QObject *parent = nullptr);

    // Takes ownership of a freshly accepted socket.
    void admit(QTcpSocket *socket);

    static constexpr int kMaxRequestLineBytes = 8192;
    static constexpr int kRequestLineTimeoutMs = 10000;

signals:
    void webSocketRequested(QTcpSocket *socket);

private:
    void inspect(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const QByteArray &status, const QByteArray &body);

    HealthProvider m_health;
    // Sockets whose request line has not been decided yet. A set here rather than a dynamic
    // property on each socket: a property costs every connection a few hundred bytes for life.
    QSet<QTcpSocket *> m_pending;
};

} // namespace hb
