#include "ValkeyProbe.h"

#include "ProtocolClient.h"

namespace hb::bench {

ValkeyProbe::ValkeyProbe(const QUrl &url, int samples, QObject *parent)
    : QObject(parent), m_url(url), m_samples(samples)
{
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (!m_url.password().isEmpty()) {
            m_step = Step::Auth;
            QList<QByteArray> args{"AUTH"};
            if (!m_url.userName().isEmpty())
                args << m_url.userName().toUtf8();
            args << m_url.password().toUtf8();
            m_socket.write(RespReader::encode(args));
        } else {
            m_step = Step::Load;
            m_socket.write(RespReader::encode({"SCRIPT", "LOAD", "return 1"}));
        }
        m_socket.flush();
    });
    connect(&m_socket, &QTcpSocket::readyRead, this, &ValkeyProbe::onReadyRead);
    connect(&m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError) { fail(m_socket.errorString()); });
}

void ValkeyProbe::start()
{
    if (m_url.scheme() != QLatin1String("redis") || m_url.host().isEmpty()) {
        fail(QStringLiteral("expected redis://[:password@]host:port[/db]"));
        return;
    }
    m_socket.connectToHost(m_url.host(), quint16(m_url.port(6379)));
}

void ValkeyProbe::onReadyRead()
{
    const qint64 receivedNs = ProtocolClient::nowNs();
    m_reader.feed(m_socket.readAll());
    while (const auto reply = m_reader.next()) {
        if (reply->kind == '-') {
            fail(QString::fromUtf8(reply->text));
            return;
        }
        switch (m_step) {
        case Step::Auth:
            m_step = Step::Load;
            m_socket.write(RespReader::encode({"SCRIPT", "LOAD", "return 1"}));
            m_socket.flush();
            break;
        case Step::Load: {
            m_sha = reply->text;
            m_step = Step::Probe;
            const QByteArray command = RespReader::encode({"EVALSHA", m_sha, "0"});
            m_probe = std::make_unique<RoundTripProbe>(
                [this, command] {
                    m_socket.write(command);
                    m_socket.flush();
                },
                m_samples);
            m_probe->start();
            break;
        }
        case Step::Probe:
            m_probe->replied(receivedNs);
            if (m_probe->isDone())
                m_socket.disconnectFromHost();
            break;
        }
    }
}

void ValkeyProbe::fail(const QString &why)
{
    if (m_failed || (m_probe && m_probe->isDone()))
        return;
    m_failed = true;
    m_error = why;
    m_socket.abort();
}

} // namespace hb::bench
