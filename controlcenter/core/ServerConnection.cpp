#include "ServerConnection.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkRequest>
#include <QSslError>
#include <QWebSocket>

namespace hb::cc {

ServerConnection::ServerConnection(QObject *parent) : QObject(parent)
{
    // No Origin: the backend allows clients without one (browsers are the ones it checks).
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_open = true;
        m_end.wasOpen = true;
        m_lastHeard.start();
        if (m_pingTimer.interval() > 0)
            m_pingTimer.start();
        emit opened();
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ServerConnection::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this] { m_lastHeard.restart(); }); // not ours to read, but a sign of life
    connect(m_socket, &QWebSocket::pong, this, [this] { m_lastHeard.restart(); });
    // Qt 6.4 names the signal error(); 6.5 added errorOccurred().
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &ServerConnection::onError);
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_end.tlsFailed = true;
        QStringList texts;
        for (const QSslError &e : errors)
            texts.append(e.errorString());
        m_end.errorString = texts.join(QStringLiteral("; "));
    });
    // Emitted when a close handshake starts (the peer's close frame, or our close()); a
    // connection that ends without one was dropped.
    connect(m_socket, &QWebSocket::aboutToClose, this, [this] { m_closeHandshake = true; });
    connect(m_socket, &QWebSocket::disconnected, this, &ServerConnection::onDisconnected);
    connect(&m_pingTimer, &QTimer::timeout, this, &ServerConnection::checkAlive);
}

ServerConnection::~ServerConnection()
{
    // Deleting must not report anything: the owner already moved on.
    m_ended = true;
    m_socket->disconnect(this);
    m_socket->abort();
}

void ServerConnection::open(const QUrl &url, int pingIntervalMs, int silenceTimeoutMs)
{
    m_silenceTimeoutMs = silenceTimeoutMs;
    m_pingTimer.setInterval(pingIntervalMs);
    m_socket->open(QNetworkRequest(url));
}

bool ServerConnection::send(const QJsonObject &message)
{
    if (!m_open || m_ended)
        return false;
    const QByteArray json = QJsonDocument(message).toJson(QJsonDocument::Compact);
    return m_socket->sendTextMessage(QString::fromUtf8(json)) > 0;
}

void ServerConnection::close()
{
    abort(ConnectionEnd::Cause::SignedOff);
}

void ServerConnection::abort(ConnectionEnd::Cause cause)
{
    if (m_ended)
        return;
    m_end.cause = cause;
    if (cause == ConnectionEnd::Cause::SignedOff && m_open) {
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("signed out"));
    } else {
        m_socket->abort();
    }
    // Whether or not the socket reports disconnected(), we are done with it now.
    finish();
}

void ServerConnection::onText(const QString &text)
{
    m_lastHeard.restart();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        ServerParseResult bad = parseServerMessage(text.toUtf8());
        emit received(bad, QJsonObject());
        return;
    }
    const QJsonObject object = doc.object();
    emit received(parseServerMessage(object), object);
}

void ServerConnection::onError(QAbstractSocket::SocketError error)
{
    if (m_ended)
        return;
    m_end.socketError = error;
    if (error == QAbstractSocket::SslHandshakeFailedError ||
        error == QAbstractSocket::SslInvalidUserDataError ||
        error == QAbstractSocket::SslInternalError) {
        m_end.tlsFailed = true;
    }
    if (m_end.errorString.isEmpty() || !m_end.tlsFailed)
        m_end.errorString = m_socket->errorString();
    // Some failures (refused, host not found) are not followed by disconnected(): finish once
    // the socket has settled.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                finish();
        },
        Qt::QueuedConnection);
}

void ServerConnection::onDisconnected()
{
    // The socket error explaining a failed connect may come right after: report once it has.
    QMetaObject::invokeMethod(this, &ServerConnection::finish, Qt::QueuedConnection);
}

void ServerConnection::checkAlive()
{
    if (m_silenceTimeoutMs > 0 && m_lastHeard.elapsed() > m_silenceTimeoutMs) {
        abort(ConnectionEnd::Cause::Silent);
        return;
    }
    m_socket->ping();
}

void ServerConnection::finish()
{
    if (m_ended)
        return;
    m_ended = true;
    m_open = false;
    m_pingTimer.stop();
    if (m_end.cause == ConnectionEnd::Cause::Closed) {
        if (m_closeHandshake) {
            m_end.closeCode = int(m_socket->closeCode());
            m_end.closeReason = m_socket->closeReason();
        } else {
            // QWebSocket reports 1000 after a plain drop; the protocol's name for it is 1006.
            m_end.closeCode = int(QWebSocketProtocol::CloseCodeAbnormalDisconnection);
        }
    }
    emit ended(m_end);
}

} // namespace hb::cc
