#include "DirectWriteSocket.h"

#include <cerrno>
#include <sys/socket.h>
#include <sys/types.h>

namespace hb {

qint64 DirectWriteSocket::writeData(const char *data, qint64 size)
{
    // Only with nothing of Qt's queued (else these bytes would overtake it) and a live socket.
    if (size <= 0 || bytesToWrite() > 0 || state() != ConnectedState)
        return QTcpSocket::writeData(data, size);
    const ssize_t sent = ::send(int(socketDescriptor()), data, size_t(size),
                                MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent == size)
        return size;
    if (sent < 0) {
        // Would block: Qt's buffer takes it all. An error: Qt's own write meets it too and
        // reports it the usual way.
        return QTcpSocket::writeData(data, size);
    }
    // Partly sent: the rest waits in Qt's buffer for the socket to drain.
    const qint64 rest = QTcpSocket::writeData(data + sent, size - sent);
    return rest < 0 ? rest : sent + rest;
}

} // namespace hb
