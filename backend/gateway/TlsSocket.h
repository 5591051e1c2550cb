#pragma once

#include "SocketPolicy.h"

#include <QSslSocket>

namespace hb {

// The accepted socket when the backend serves `wss`: a QSslSocket (the server side of TLS on
// the descriptor TcpListener accepted, so TCP_NODELAY and our own accept loop stay) with the
// same send-backlog bound and lingering close as DirectWriteSocket (SocketPolicy). The backlog
// is counted in encrypted bytes queued.
class TlsSocket : public QSslSocket, public SocketPolicy
{
    Q_OBJECT
public:
    TlsSocket(qint64 maxBacklogBytes, int closeLingerMs, QObject *parent = nullptr);

    void close() override;

protected:
    qint64 writeData(const char *data, qint64 size) override;

};

} // namespace hb
