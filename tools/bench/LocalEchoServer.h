#pragma once

#include <QThread>
#include <QtGlobal>

class QObject;

namespace hb::bench {

// A tiny QWebSocketServer on 127.0.0.1 that sends every text frame straight back, on its own
// thread (its own event loop, as a server process would have). A round trip to it is the floor
// of any Qt WebSocket exchange on this machine: the same framing, the same Qt socket code, no
// JSON work, no Valkey, no second process.
class LocalEchoServer
{
public:
    LocalEchoServer();
    ~LocalEchoServer();
    LocalEchoServer(const LocalEchoServer &) = delete;
    LocalEchoServer &operator=(const LocalEchoServer &) = delete;

    // The port listened on, 0 if listening failed.
    quint16 start();
    void stop();

private:
    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread; owns the server and its sockets
};

} // namespace hb::bench
