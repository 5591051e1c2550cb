#pragma once

#include <QTcpSocket>

namespace hb {

// A QTcpSocket whose writes go straight to the kernel when nothing is queued before them.
//
// Why: QTcpSocket copies every write into its write buffer and sends it when the event loop next
// sees the socket writable; a write smaller than 256 bytes (every WebSocket frame header, and
// most of our messages) makes that buffer allocate a 16 KiB block, which it then keeps for the
// life of the socket. Across 20,000 idle connections that is most of the memory they cost, and
// every message pays an extra event-loop round before it leaves. Here a write that the kernel
// takes whole is done at once; only what it cannot take yet (a slow reader) goes through Qt's
// buffer, behind which later writes then queue as before, so the byte order never changes.
//
// It is also where the send backlog is bounded: every byte we send passes here (our frames, the
// pongs Qt writes by itself for each ping, close frames), so a peer that does not read cannot
// make any path grow its buffer past `maxBacklogBytes`: it is dropped instead.
class DirectWriteSocket : public QTcpSocket
{
    Q_OBJECT
public:
    explicit DirectWriteSocket(qint64 maxBacklogBytes, QObject *parent = nullptr);

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    qint64 m_maxBacklogBytes;
    bool m_dropping = false;
};

// Shared by DirectWriteSocket and TlsSocket: true when queueing `size` more bytes behind
// `queued` would pass `limit`; then the socket is aborted on the next event-loop turn (not
// inside the write, which Qt's WebSocket code is in the middle of) and the bytes are dropped.
bool overBacklog(QAbstractSocket *socket, qint64 queued, qint64 size, qint64 limit, bool *dropping);

} // namespace hb
