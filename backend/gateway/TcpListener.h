#pragma once

#include <QTcpServer>

namespace hb {

// QTcpServer that sets TCP_NODELAY on every accepted socket: Qt only sets it on client sockets,
// and our frames are small, so without it a reply can wait for the peer's delayed ACK.
class TcpListener : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override;
};

} // namespace hb
