#include "TcpListener.h"

#include "DirectWriteSocket.h"
#include "TlsSocket.h"

#include <unistd.h>

namespace hb {

void TcpListener::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    TlsSocket *tls = nullptr;
    if (m_tls) {
        tls = new TlsSocket(m_maxSendBacklogBytes, m_closeLingerMs, this);
        socket = tls;
    } else {
        socket = new DirectWriteSocket(m_maxSendBacklogBytes, m_closeLingerMs, this);
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    if (tls) {
        tls->setSslConfiguration(*m_tls);
        tls->startServerEncryption();
    }
    addPendingConnection(socket);
    emit newConnection();
}

} // namespace hb
