#include "TcpListener.h"

#include <QTcpSocket>

namespace hb {

void TcpListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
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
