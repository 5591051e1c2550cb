#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpSocket>

namespace hb::test {

// A WebSocket client written by hand over QTcpSocket, for tests where the client must
// misbehave on purpose (fragments, invalid UTF-8, floods of pings, never reading), which
// QWebSocket will not do. Frames it sends are masked, as RFC 6455 requires of clients.
class RawWsClient
{
public:
    struct Frame
    {
        int opcode = 0;
        QByteArray payload;
    };

    enum Opcode { Continuation = 0, Text = 1, Binary = 2, Close = 8, Ping = 9, Pong = 10 };

    bool connectTo(quint16 port, int timeoutMs = 5000);
    // Sends the upgrade request (plus `extraHeaders`, each "Name: value") and reads the
    // response head; returns its status line (empty on timeout or disconnect).
    QByteArray handshake(const QList<QByteArray> &extraHeaders = {}, int timeoutMs = 5000);
    void sendFrame(int opcode, const QByteArray &payload, bool fin = true);
    void sendText(const QByteArray &utf8) { sendFrame(Text, utf8); }

    // Next frame from the server (empty opcode -1 on timeout or disconnect).
    Frame nextFrame(int timeoutMs = 5000);
    // Next text frame, skipping others (pings are answered only if `answerPings`).
    QByteArray nextText(int timeoutMs = 5000);
    // Reads until a close frame arrives: its code (-1 if the socket closed without one or
    // nothing came in time).
    int waitCloseCode(int timeoutMs = 10000);
    bool waitDisconnected(int timeoutMs = 10000);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    QTcpSocket &socket() { return m_socket; }

private:
    bool parseFrame(Frame *frame);

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace hb::test
