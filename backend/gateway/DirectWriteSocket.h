#pragma once

#include "SocketPolicy.h"

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
// It is also where the send backlog is bounded (SocketPolicy): every byte we send passes here
// (our frames, the pongs Qt writes by itself for each ping, close frames), so a peer that does
// not read cannot make any path grow its buffer past the limit: it is dropped instead.
class DirectWriteSocket : public QTcpSocket, public SocketPolicy
{
    Q_OBJECT
public:
    DirectWriteSocket(qint64 maxBacklogBytes, int closeLingerMs, QObject *parent = nullptr);

    void close() override;

protected:
    qint64 writeData(const char *data, qint64 size) override;
};

} // namespace hb
