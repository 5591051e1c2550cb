#include "TlsSocket.h"

#include "DirectWriteSocket.h"

namespace hb {

TlsSocket::TlsSocket(qint64 maxBacklogBytes, QObject *parent)
    : QSslSocket(parent), m_maxBacklogBytes(maxBacklogBytes)
{
}

qint64 TlsSocket::writeData(const char *data, qint64 size)
{
    const qint64 queued = bytesToWrite() + encryptedBytesToWrite();
    if (size > 0 && overBacklog(this, queued, size, m_maxBacklogBytes, &m_dropping))
        return size;
    return QSslSocket::writeData(data, size);
}

} // namespace hb
