#include "RequestGate.h"

#include "ConnectionTicket.h"
#include "ProxyProtocol.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace hb {

RequestGate::RequestGate(Options options, HealthProvider health, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_health(std::move(health))
{
}

void RequestGate::admit(QTcpSocket *socket, ConnectionTicket *ticket)
{
    socket->setParent(this);
    m_pending.insert(socket, Pending{ticket, false});
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QObject::destroyed, this,
            [this, socket] { m_pending.remove(socket); });
    // A peer that connects and says nothing, or dribbles its head, must not hold a socket.
    QTimer::singleShot(m_options.headTimeoutMs, socket, [this, socket] {
        if (m_pending.contains(socket))
            socket->abort();
    });
    if (socket->bytesAvailable() > 0)
        inspect(socket);
}

bool RequestGate::readProxyLine(QTcpSocket *socket, Pending &pending)
{
    // Only a trusted proxy may name the client; a PROXY line from anyone else is just a bad
    // request line (405). With TLS the line would come before the handshake: not supported.
    if (pending.proxyChecked)
        return true;
    if (!pending.ticket || qobject_cast<QSslSocket *>(socket) ||
        !m_options.trustedProxies.contains(socket->peerAddress())) {
        pending.proxyChecked = true;
        return true;
    }
    const ProxyHeader header = parseProxyHeader(socket->peek(kMaxProxyHeaderBytes));
    switch (header.status) {
    case ProxyHeader::Status::Incomplete:
        return false;
    case ProxyHeader::Status::Invalid:
        respond(socket, "400 Bad Request", "{\"error\":\"malformed PROXY protocol line\"}");
        return false;
    case ProxyHeader::Status::Address:
        socket->skip(header.length);
        pending.ticket->admitClient(header.client); // checked against the cap in route()
        break;
    case ProxyHeader::Status::Unknown:
        socket->skip(header.length);
        break;
    case ProxyHeader::Status::NotProxy:
        break;
    }
    pending.proxyChecked = true;
    return true;
}

void RequestGate::inspect(QTcpSocket *socket)
{
    auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    if (!readProxyLine(socket, *it))
        return;
    const QByteArray head = socket->peek(m_options.maxHeadBytes + 4);
    const qsizetype eol = head.indexOf("\r\n");
    if (eol < 0 ? head.size() >= kMaxRequestLineBytes : eol >= kMaxRequestLineBytes) {
        respond(socket, "414 URI Too Long", "{\"error\":\"request line too long\"}");
        return;
    }
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > m_options.maxHeadBytes)
            respond(socket, "431 Request Header Fields Too Large",
                    "{\"error\":\"request head too large\"}");
        return; // wait for more bytes
    }
    ConnectionTicket *ticket = it->ticket;
    m_pending.erase(it);
    disconnect(socket, nullptr, this, nullptr);
    route(socket, ticket, head.left(end + 2));
}

void RequestGate::route(QTcpSocket *socket, ConnectionTicket *ticket, const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> parts = lines.value(0).trimmed().split(' ');
    if (parts.size() != 3 || parts.at(0) != "GET") {
        respond(socket, "405 Method Not Allowed", "{\"error\":\"only GET is served here\"}");
        return;
    }
    QByteArray path = parts.at(1);
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path.truncate(query);

    if (ticket && m_options.trustedProxies.contains(socket->peerAddress())) {
        // From a trusted proxy: the client is who it says (X-Forwarded-For, or the PROXY line
        // read before), and that address counts against the per-address cap.
        QList<QByteArray> forwardedFor;
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "x-forwarded-for")
                forwardedFor.append(line.mid(colon + 1).trimmed());
        }
        const QHostAddress base = ticket->clientAddress().isNull() ? socket->peerAddress()
                                                                   : ticket->clientAddress();
        const QHostAddress client = forwardedFor.isEmpty()
                                        ? unmapped(base)
                                        : m_options.trustedProxies.clientAddress(base, forwardedFor);
        if (!ticket->admitClient(client)) {
            respond(socket, "429 Too Many Requests",
                    "{\"error\":\"too many connections from this address\"}");
            return;
        }
    }

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
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    socket->write("HTTP/1.1 " + status +
                  "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace hb
