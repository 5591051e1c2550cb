#include "LocalEchoServer.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QWebSocket>
#include <QWebSocketServer>

namespace hb::bench {

LocalEchoServer::LocalEchoServer() = default;

LocalEchoServer::~LocalEchoServer()
{
    stop();
}

quint16 LocalEchoServer::start()
{
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    // The documented worker pattern: deleted on its own thread as that thread finishes.
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
    quint16 port = 0;
    QObject *context = m_context;
    QMetaObject::invokeMethod(
        m_context,
        [context, &port] {
            auto *server = new QWebSocketServer(QStringLiteral("bench-echo"),
                                                QWebSocketServer::NonSecureMode, context);
            QObject::connect(server, &QWebSocketServer::newConnection, server, [server] {
                while (QWebSocket *socket = server->nextPendingConnection()) {
                    socket->setParent(server);
                    const auto tcp = socket->findChildren<QAbstractSocket *>();
                    for (QAbstractSocket *s : tcp)
                        s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                    QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                                     [socket](const QString &text) {
                                         socket->sendTextMessage(text);
                                         socket->flush();
                                     });
                    QObject::connect(socket, &QWebSocket::disconnected, socket,
                                     &QObject::deleteLater);
                }
            });
            if (server->listen(QHostAddress::LocalHost, 0))
                port = server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return port;
}

void LocalEchoServer::stop()
{
    if (!m_thread.isRunning())
        return;
    m_context = nullptr;
    m_thread.quit();
    m_thread.wait();
}

} // namespace hb::bench
