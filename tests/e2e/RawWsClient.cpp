#include "RawWsClient.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QtEndian>

namespace hb::test {

bool RawWsClient::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.waitForConnected(timeoutMs);
}

QByteArray RawWsClient::handshake(const QList<QByteArray> &extraHeaders, int timeoutMs)
{
    QByteArray request = "GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\n";
    for (const QByteArray &header : extraHeaders)
        request += header + "\r\n";
    m_socket.write(request + "\r\n");
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray head = m_buffer.left(end);
            m_buffer.remove(0, end + 4);
            return head.left(head.indexOf("\r\n") < 0 ? head.size() : head.indexOf("\r\n"));
        }
        if (m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            m_buffer += m_socket.readAll();
        else if (m_socket.state() != QAbstractSocket::ConnectedState)
            break;
    }
    m_buffer += m_socket.readAll();
    const qsizetype eol = m_buffer.indexOf("\r\n");
    return eol > 0 ? m_buffer.left(eol) : QByteArray();
}

void RawWsClient::sendFrame(int opcode, const QByteArray &payload, bool fin)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | (opcode & 0x0f)));
    const qsizetype n = payload.size();
    if (n < 126) {
        frame.append(char(0x80 | n));
    } else if (n <= 0xffff) {
        frame.append(char(0x80 | 126));
        frame.append(char(n >> 8)).append(char(n & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(n) >> shift) & 0xff));
    }
    const quint32 key = QRandomGenerator::global()->generate();
    char mask[4];
    qToBigEndian(key, mask);
    frame.append(mask, 4);
    QByteArray masked = payload;
    for (qsizetype i = 0; i < masked.size(); ++i)
        masked[i] = char(masked[i] ^ mask[i % 4]);
    m_socket.write(frame + masked);
}

bool RawWsClient::parseFrame(Frame *frame)
{
    if (m_buffer.size() < 2)
        return false;
    const auto b0 = quint8(m_buffer[0]);
    const auto b1 = quint8(m_buffer[1]);
    qsizetype header = 2;
    quint64 length = b1 & 0x7f;
    if (length == 126) {
        if (m_buffer.size() < 4)
            return false;
        length = (quint8(m_buffer[2]) << 8) | quint8(m_buffer[3]);
        header = 4;
    } else if (length == 127) {
        if (m_buffer.size() < 10)
            return false;
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | quint8(m_buffer[2 + i]);
        header = 10;
    }
    if (quint64(m_buffer.size()) < header + length)
        return false;
    frame->opcode = b0 & 0x0f;
    frame->payload = m_buffer.mid(header, qsizetype(length));
    m_buffer.remove(0, header + qsizetype(length));
    return true;
}

RawWsClient::Frame RawWsClient::nextFrame(int timeoutMs)
{
    Frame frame;
    QDeadlineTimer deadline(timeoutMs);
    while (!parseFrame(&frame)) {
        if (deadline.hasExpired())
            return Frame{-1, {}};
        if (m_socket.bytesAvailable() > 0 ||
            m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
            m_buffer += m_socket.readAll();
        } else if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_buffer += m_socket.readAll();
            if (!parseFrame(&frame))
                return Frame{-1, {}};
            return frame;
        }
    }
    return frame;
}

QByteArray RawWsClient::nextText(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const Frame frame = nextFrame(int(std::max<qint64>(1, deadline.remainingTime())));
        if (frame.opcode == Text)
            return frame.payload;
        if (frame.opcode < 0 || frame.opcode == Close)
            return {};
    }
    return {};
}

int RawWsClient::waitCloseCode(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const Frame frame = nextFrame(int(std::max<qint64>(1, deadline.remainingTime())));
        if (frame.opcode < 0)
            return -1;
        if (frame.opcode == Close)
            return frame.payload.size() >= 2
                       ? (quint8(frame.payload[0]) << 8) | quint8(frame.payload[1])
                       : 1005;
    }
    return -1;
}

bool RawWsClient::waitDisconnected(int timeoutMs)
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return true;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        m_socket.readAll();
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        m_socket.waitForReadyRead(int(std::min<qint64>(200, std::max<qint64>(1, deadline.remainingTime()))));
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
    }
    return false;
}

} // namespace hb::test
