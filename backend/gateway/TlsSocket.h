#pragma once

#include <QSslSocket>

namespace hb {

// The accepted socket when the backend serves `wss`: a QSslSocket (the server side of TLS on
// the descriptor TcpListener accepted, so TCP_NODELAY and our own accept loop stay) with the
// same send-backlog bound as DirectWriteSocket. Counted in encrypted bytes queued.
class TlsSocket : public QSslSocket
{
    Q_OBJECT
public:
    explicit TlsSocket(qint64 maxBacklogBytes, QObject *parent = nullptr);

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    qint64 m_maxBacklogBytes;
    bool m_dropping = false;
};

} // namespace hb
