#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QWebSocket>

namespace hb::test {

// A real WebSocket client for end-to-end tests, as an app would be: it queues every message
// the server sends so a test can wait for the next one of a given type.
class WsTestClient : public QObject
{
    Q_OBJECT
public:
    explicit WsTestClient(QObject *parent = nullptr);

    bool open(const QString &url, int timeoutMs = 10000);
    bool isOpen() const;
    void send(const QJsonObject &message);
    void sendRaw(const QString &text);

    // Waits for the next message of this type; messages of other types before it are kept in
    // skipped(). Returns an empty object on timeout.
    QJsonObject waitFor(const QString &type, int timeoutMs = 10000);
    // The next message whatever its type (empty on timeout).
    QJsonObject next(int timeoutMs = 10000);
    // True if no message at all arrives within the window.
    bool staysQuiet(int windowMs);

    // Convenience: open, hello with `token`, wait for welcome (returned; empty on failure).
    QJsonObject connectAndHello(const QString &url, const QString &token);

    bool waitClosed(int timeoutMs = 10000);
    int closeCode() const { return m_closeCode; }
    void close();
    QList<QJsonObject> received() const { return m_all; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_queue;
    QList<QJsonObject> m_all;
    int m_closeCode = -1;
    bool m_closed = false;
};

} // namespace hb::test
