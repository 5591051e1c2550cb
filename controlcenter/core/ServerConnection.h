#pragma once

#include "protocol/ServerMessageParser.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <optional>

class QWebSocket;

namespace hb::cc {

// How one connection ended, with everything needed to explain it to a person.
struct ConnectionEnd
{
    enum class Cause {
        Closed,       // the peer closed or the network dropped; see closeCode / socketError
        SignedOff,    // we closed it (close())
        Silent,       // nothing heard (no message, no pong) for the silence timeout
        TimedOut,     // abort(TimedOut): e.g. no welcome in time
    };
    Cause cause = Cause::Closed;
    bool wasOpen = false; // the WebSocket handshake had succeeded
    int closeCode = 0;    // the close frame's code; 0 or 1006 without one
    QString closeReason;
    std::optional<QAbstractSocket::SocketError> socketError;
    QString errorString;
    bool tlsFailed = false; // certificate or TLS handshake problem
};

// One WebSocket connection attempt to the backend: opens it, decodes every frame, keeps it
// alive with pings and drops it when the server falls silent (the server pings silent clients
// and drops them; this is the same watch from our side, so a dead network is noticed), and
// reports its end exactly once. The control client makes a new one for every (re)connect.
class ServerConnection : public QObject
{
    Q_OBJECT

public:
    explicit ServerConnection(QObject *parent = nullptr);
    ~ServerConnection() override;

    // pingIntervalMs 0: no pings, no silence watch.
    void open(const QUrl &url, int pingIntervalMs, int silenceTimeoutMs);
    bool isOpen() const { return m_open; }
    bool send(const QJsonObject &message);
    // Ends the connection from our side; ended() follows with that cause.
    void close();
    void abort(ConnectionEnd::Cause cause);

signals:
    void opened();
    // Every text frame, decoded; `raw` is the JSON object (empty if the frame was not one).
    void received(const hb::ServerParseResult &result, const QJsonObject &raw);
    void ended(const hb::cc::ConnectionEnd &end);

private:
    void onText(const QString &text);
    void onError(QAbstractSocket::SocketError error);
    void onDisconnected();
    void checkAlive();
    void finish();

    QWebSocket *m_socket = nullptr;
    QTimer m_pingTimer;
    QElapsedTimer m_lastHeard;
    int m_silenceTimeoutMs = 0;
    bool m_open = false;
    bool m_ended = false;
    bool m_closeHandshake = false;
    ConnectionEnd m_end;
};

} // namespace hb::cc
