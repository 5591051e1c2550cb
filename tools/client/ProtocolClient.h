#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace hb::bench {

// One app connection as the load tools see it: opens the WebSocket, authenticates with `hello`,
// and from `welcome` on hands every server message up as a parsed object. It speaks only the
// public protocol, exactly as a phone would, so what the tools measure is what apps get.
class ProtocolClient : public QObject
{
    Q_OBJECT
public:
    ProtocolClient(const QUrl &url, const QString &token, QObject *parent = nullptr);
    // A staff member signing in with an account (`login`) instead of a token; the token the
    // server returns is in welcomeMessage()["token"].
    struct Login
    {
        QString username;
        QString password;
    };
    ProtocolClient(const QUrl &url, const Login &login, QObject *parent = nullptr);

    void open();
    // A normal close (1000); `closed` follows.
    void close();
    // Drops the TCP connection without a close frame, like a phone losing its network.
    void abort();

    bool isReady() const { return m_ready; }
    bool isClosed() const { return m_closed; }
    const QJsonObject &welcomeMessage() const { return m_welcome; }
    QString userId() const;
    QString serverInstance() const;
    int heartbeatIntervalMs() const;

    // Sends the message with a fresh `id` (returned) and pushes it to the kernel at once, so
    // the client's own buffering never shows up in a measured latency.
    QString send(QJsonObject message);

    // Sends `heartbeat` every `intervalMs` (first one after a random part of it, so many
    // clients do not beat in step). 0 stops.
    void setHeartbeatInterval(int intervalMs);

    // Nanoseconds on one monotonic clock shared by every client of the process, so times
    // taken on different connections can be subtracted.
    static qint64 nowNs();

signals:
    void ready();
    void message(const QJsonObject &message, qint64 receivedNs);
    // The connection is gone (error, close frame or drop); `why` is for people.
    void closed(const QString &why);

private:
    void wire();
    void onText(const QString &text);
    void markClosed(const QString &why);

    QUrl m_url;
    QJsonObject m_authentication; // the first message: hello or login
    QWebSocket m_socket;
    QTimer m_heartbeat;
    QJsonObject m_welcome;
    quint64 m_nextId = 1;
    int m_heartbeatMs = 0;
    bool m_ready = false;
    bool m_closed = false;
};

} // namespace hb::bench
