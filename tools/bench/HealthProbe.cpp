#include "HealthProbe.h"

#include "EventLoopWait.h"

#include <QJsonDocument>
#include <QTcpSocket>

namespace hb::bench {

QJsonObject fetchHealth(const QUrl &webSocketUrl, int timeoutMs)
{
    // A plain HTTP/1.0 request: the answer ends when the server closes.
    QTcpSocket socket;
    QByteArray response;
    bool done = false;
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&] {
        socket.write("GET /health HTTP/1.0\r\nHost: " + webSocketUrl.host().toUtf8() + "\r\n\r\n");
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { response += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { done = true; });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &socket,
                     [&](QAbstractSocket::SocketError) { done = true; });
    socket.connectToHost(webSocketUrl.host(), quint16(webSocketUrl.port(80)));
    runUntil([&] { return done; }, timeoutMs, Wait::EvenIfInterrupted);
    socket.abort();
    const qsizetype body = response.indexOf("\r\n\r\n");
    if (body < 0)
        return {};
    return QJsonDocument::fromJson(response.mid(body + 4)).object();
}

int postgresBacklog(const QUrl &webSocketUrl)
{
    const QJsonObject health = fetchHealth(webSocketUrl);
    return health.contains(QStringLiteral("postgres_queue"))
               ? health.value(QStringLiteral("postgres_queue")).toInt()
               : -1;
}

} // namespace hb::bench
