#pragma once

#include <QtGlobal>

class QAbstractSocket;

namespace hb {

// What every accepted socket does the same way, plain (DirectWriteSocket) or TLS (TlsSocket):
// a mixin, so ClientConnection can reach it on either (dynamic_cast from the socket).
//
// - The send backlog is bounded: a peer that does not read cannot make us queue more than
//   `maxBacklogBytes`; it is dropped instead.
// - A close we start lingers: QWebSocket::close() writes the close frame and closes the
//   descriptor at once. If the client's frames are still unread then (it was closed for
//   flooding, say), the kernel answers the close with a reset, which can destroy our close
//   frame before the client's app reads it: the app sees 1006 and retries instead of learning
//   1008 or 4001. So the close is put off until the peer answers the close frame (QWebSocket
//   then closes again, with nothing left unread) or `closeLingerMs` pass (then aborted).
class SocketPolicy
{
public:
    SocketPolicy(qint64 maxBacklogBytes, int closeLingerMs);
    virtual ~SocketPolicy() = default;

    // The next close() of this socket (the one inside QWebSocket::close) lingers.
    void lingerOnNextClose() { m_lingerArmed = true; }

protected:
    // From writeData: true when queueing `size` more bytes behind `queued` would pass the
    // limit; then the socket is aborted on the next event-loop turn (not inside the write,
    // which Qt's WebSocket code is in the middle of) and the bytes are dropped.
    bool overBacklog(QAbstractSocket *socket, qint64 queued, qint64 size);
    // From close(): true when this close is put off (see above); the caller then returns
    // without closing. Any close after that one, abort() included, goes through.
    bool putOffClose(QAbstractSocket *socket);

private:
    qint64 m_maxBacklogBytes;
    int m_closeLingerMs;
    bool m_dropping = false;
    bool m_lingerArmed = false;
    bool m_lingering = false;
};

} // namespace hb
