#include "RequestGate.h"

#include <QTcpSocket>
#include <QTimer>

namespace hb {

RequestGate::RequestGate(HealthProvider health, QObject *parent)
    : QObject(parent), m_health(std::move(health))
{
}

void RequestGate::admit(QTcpSocket *socket)
{
    socket->setParent(this);
    m_pending.insert(socket);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QObject::destroyed, this,
            [this, socket] { m_pending.remove(socket); });
    // A peer that connects and says nothing must not hold a socket forever.
    QTimer::singleShot(kRequestLineTimeoutMs, socket, [this, socket] {
        if (m_pending.contains(socket))
            socket->abort();
    });
    if (socket->bytesAvailable() > 0)
        inspect(socket);
}

void RequestGate::inspect(QTcpSocket *socket)
{
    if (!m_pending.contains(socket))
        return;
    const QByteArray head = socket->peek(kMaxRequestLineBytes);
    const qsizetype eol = head.indexOf("\r\n");
    if (eol < 0) {
        if (head.size() >= kMaxRequestLineBytes)
            respond(socket, "414 URI Too Long", "{\"error\":\"request line too long\"}");
        return; // wait for more bytes
    }
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);

    const QList<QByteArray> parts = head.left(eol).split(' ');
    if (parts.size() != 3 || parts.at(0) != "GET") {
        respond(socket, "405 Method Not Allowed", "{\"error\":\"only GET is served here\"}");
        return;
    }
    QByteArray path = parts.at(1);
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path.truncate(query);

    if (path == "/v1/ws") {
        disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->setParent(nullptr);
        emit webSocketRequested(socket);
    } else if (path == "/health" || path == "/healthz") {
        respond(socket, "200 OK", m_health());
    } else {
        respond(socket, "404 Not Found",
                "{\"error\":\"not found: the WebSocket endpoint is /v1/ws\"}");
    }
}

void RequestGate::respond(QTcpSocket *socket, const QByteArray &status, const QByteArray &body)
{
    m_pending.remove(socket);
    socket->write("HTTP/1.1 " + status +
                  "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace hb
