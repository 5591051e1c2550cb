#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

namespace hb {

// QTcpServer that sets TCP_NODELAY on every accepted socket: Qt only sets it on client sockets,
// and our frames are small, so without it a reply can wait for the peer's delayed ACK. Each
// socket bounds its send backlog and lingers on close (SocketPolicy); with a TLS configuration it is a
// TlsSocket that starts the server side of TLS at once.
class TcpListener : public QTcpServer
{
    Q_OBJECT
public:
    TcpListener(qint64 maxSendBacklogBytes, int closeLingerMs, QObject *parent = nullptr)
        : QTcpServer(parent), m_maxSendBacklogBytes(maxSendBacklogBytes),
          m_closeLingerMs(closeLingerMs)
    {
    }

    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool isTls() const { return m_tls.has_value(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    qint64 m_maxSendBacklogBytes;
    int m_closeLingerMs;
    std::optional<QSslConfiguration> m_tls;
};

} // namespace hb
