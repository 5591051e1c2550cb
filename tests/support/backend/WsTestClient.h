#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QWebSocket>
#include <functional>

namespace hb::test {

// A real WebSocket client for end-to-end tests, as an app would be: it queues every message
// the server sends so a test can wait for the next one of a given type.
class WsTestClient : public QObject
{
    Q_OBJECT
public:
    using Match = std::function<bool(const QJsonObject &)>;

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

    // Waits for the first queued message `match` accepts and takes only that one out of the
    // queue: unlike waitFor(type), the messages before it stay queued. Empty on timeout.
    QJsonObject waitForMatch(const Match &match, int timeoutMs = 10000);
    // True if no message `match` accepts is queued now or arrives within the window (nothing
    // is taken from the queue).
    bool noneArrives(const Match &match, int windowMs);
    // True if a message `match` accepts is queued now (no waiting, nothing taken).
    bool isQueued(const Match &match) const;
    // Sends `message` with an `id` (a fresh one unless it has one) and waits for its direct
    // reply: the message whose `ref` is that id, a success or an `error`. Only the reply is
    // taken from the queue. Empty on timeout.
    QJsonObject request(QJsonObject message, int timeoutMs = 10000);
    // A fresh message id, unique within the test process.
    static QString nextId();

    // Messages of these types are neither queued nor kept in received() (e.g. heartbeat.ack
    // of a client that heartbeats by itself). messageReceived() still fires for them.
    void ignoreType(const QString &type) { m_ignored.insert(type); }
    // Every message received so far of this type, oldest first.
    QList<QJsonObject> receivedOfType(const QString &type) const;
    // The last `count` messages received, one compact JSON object per line, for failure
    // messages ("nothing" if none).
    QString recent(int count = 8) const;

    // Convenience: open, hello with `token`, wait for welcome (returned; empty on failure).
    QJsonObject connectAndHello(const QString &url, const QString &token);

    bool waitClosed(int timeoutMs = 10000);
    int closeCode() const { return m_closeCode; }
    void close();
    QList<QJsonObject> received() const { return m_all; }

signals:
    // Every message as it arrives (before it is queued), for tests that react to pushes.
    void messageReceived(const QJsonObject &message);

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_queue;
    QList<QJsonObject> m_all;
    QSet<QString> m_ignored;
    int m_closeCode = -1;
    bool m_closed = false;
};

} // namespace hb::test
