#include "ProtocolClient.h"

#include "protocol/ClientMessageWriter.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <chrono>

namespace hb::bench {

ProtocolClient::ProtocolClient(const QUrl &url, const QString &token, QObject *parent)
    : QObject(parent), m_url(url),
      m_authentication(clientMessage::hello(token))
{
    wire();
}

ProtocolClient::ProtocolClient(const QUrl &url, const Login &login, QObject *parent)
    : QObject(parent), m_url(url),
      m_authentication(clientMessage::login(login.username, login.password))
{
    wire();
}

void ProtocolClient::wire()
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(m_authentication).toJson(QJsonDocument::Compact)));
        m_socket.flush();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &ProtocolClient::onText);
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        markClosed(QStringLiteral("closed: code %1 %2")
                       .arg(int(m_socket.closeCode()))
                       .arg(m_socket.closeReason()));
    });
    // Qt 6.4 names this signal error(); errorOccurred arrives in 6.5.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { markClosed(m_socket.errorString()); });
    m_heartbeat.setTimerType(Qt::CoarseTimer);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        if (m_ready && !m_closed) {
            send(toJson(ClientMessage::make(clientmsg::Heartbeat{})));
            m_heartbeat.setInterval(m_heartbeatMs);
        }
    });
}

void ProtocolClient::open()
{
    m_socket.open(m_url);
}

void ProtocolClient::close()
{
    m_heartbeat.stop();
    if (!m_closed)
        m_socket.close();
}

void ProtocolClient::abort()
{
    m_heartbeat.stop();
    if (!m_closed)
        m_socket.abort();
}

QString ProtocolClient::userId() const
{
    return m_welcome.value(QStringLiteral("user_id")).toString();
}

QString ProtocolClient::serverInstance() const
{
    return m_welcome.value(QStringLiteral("server_instance")).toString();
}

int ProtocolClient::heartbeatIntervalMs() const
{
    const int seconds = m_welcome.value(QStringLiteral("heartbeat_interval_s")).toInt(10);
    return qMax(1, seconds) * 1000;
}

QString ProtocolClient::send(QJsonObject message)
{
    const QString id = QString::number(m_nextId++);
    message.insert(QStringLiteral("id"), id);
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    m_socket.flush();
    return id;
}

void ProtocolClient::setHeartbeatInterval(int intervalMs)
{
    m_heartbeatMs = intervalMs;
    if (intervalMs <= 0) {
        m_heartbeat.stop();
        return;
    }
    m_heartbeat.start(int(QRandomGenerator::global()->bounded(qMax(1, intervalMs))) + 1);
}

qint64 ProtocolClient::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void ProtocolClient::onText(const QString &text)
{
    const qint64 receivedNs = nowNs();
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    if (!m_ready) {
        const QString type = object.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("welcome")) {
            m_welcome = object;
            m_ready = true;
            emit ready();
            return;
        }
        if (type == QLatin1String("error")) {
            markClosed(QStringLiteral("refused: %1")
                           .arg(object.value(QStringLiteral("message")).toString()));
            m_socket.abort();
            return;
        }
    }
    emit message(object, receivedNs);
}

void ProtocolClient::markClosed(const QString &why)
{
    if (m_closed)
        return;
    m_closed = true;
    m_heartbeat.stop();
    emit closed(why);
}

} // namespace hb::bench
