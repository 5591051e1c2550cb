#include "TcpListener.h"

#include "DirectWriteSocket.h"

namespace hb {

void TcpListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new DirectWriteSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    addPendingConnection(socket);
    emit newConnection();
}

} // namespace hb
