#include "TlsSocket.h"


namespace hb {

TlsSocket::TlsSocket(qint64 maxBacklogBytes, int closeLingerMs, QObject *parent)
    : QSslSocket(parent), SocketPolicy(maxBacklogBytes, closeLingerMs)
{
}

void TlsSocket::close()
{
    if (!putOffClose(this))
        QSslSocket::close();
}

qint64 TlsSocket::writeData(const char *data, qint64 size)
{
    const qint64 queued = bytesToWrite() + encryptedBytesToWrite();
    if (size > 0 && overBacklog(this, queued, size))
        return size;
    return QSslSocket::writeData(data, size);
}

} // namespace hb
