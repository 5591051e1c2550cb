#include "LocalEchoServer.h"

#include "EventDispatcher.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
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
    // The same dispatcher as the rest of the process (and the backend): the floor is what the
    // machine and Qt's WebSocket code cost with it.
    installEventDispatcher(&m_thread);
    m_thread.start();
    quint16 port = 0;
    QObject *context = m_context;
    QMetaObject::invokeMethod(
        m_context,
        [context, &port] {
            // Accepted the way the backend accepts (gateway/TcpListener): our own QTcpServer
            // sets TCP_NODELAY, which QWebSocketServer's accepted sockets lack (Qt sets it on
            // client sockets only), then hands the socket over for the handshake.
            auto *tcp = new QTcpServer(context);
            auto *server = new QWebSocketServer(QStringLiteral("bench-echo"),
                                                QWebSocketServer::NonSecureMode, context);
            QObject::connect(tcp, &QTcpServer::newConnection, tcp, [tcp, server] {
                while (QTcpSocket *socket = tcp->nextPendingConnection()) {
                    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                    server->handleConnection(socket);
                }
            });
            QObject::connect(server, &QWebSocketServer::newConnection, server, [server] {
                while (QWebSocket *socket = server->nextPendingConnection()) {
                    socket->setParent(server);
                    QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                                     [socket](const QString &text) {
                                         socket->sendTextMessage(text);
                                         socket->flush();
                                     });
                    QObject::connect(socket, &QWebSocket::disconnected, socket,
                                     &QObject::deleteLater);
                }
            });
            if (tcp->listen(QHostAddress::LocalHost, 0))
                port = tcp->serverPort();
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
