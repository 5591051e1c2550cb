#pragma once

// Peers that are not a HaloBestie server, for the failures a real one does not produce on
// demand: an HTTP server that refuses the WebSocket upgrade, and a WebSocket peer that says
// `welcome` and then falls silent (answers no pings), like a server behind a dead network.
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <functional>
#include <memory>
#include <optional>
#include <QTcpServer>
#include <QTcpSocket>

namespace hb::cc::test {

// Answers every request with `status` (e.g. "404 Not Found") and closes.
class HttpRefuser : public QTcpServer
{
public:
    explicit HttpRefuser(QByteArray status) : m_status(std::move(status))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    if (!s->readAll().contains("\r\n\r\n"))
                        return;
                    s->write("HTTP/1.1 " + m_status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    s->disconnectFromHost();
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

private:
    QByteArray m_status;
};

// Completes the WebSocket handshake, answers the client's first message with `answer(message)`
// (e.g. a welcome carrying its id as ref), then reads and drops everything without ever
// answering again: no pong, no close.
class SilentWsPeer : public QTcpServer
{
public:
    using Answer = std::function<QJsonObject(const QJsonObject &first)>;

    explicit SilentWsPeer(Answer answer) : m_answer(std::move(answer))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                ++m_connections;
                auto buffer = std::make_shared<QByteArray>();
                auto stage = std::make_shared<int>(0); // 0 handshake, 1 first frame, 2 silent
                connect(s, &QTcpSocket::readyRead, s, [this, s, buffer, stage] {
                    buffer->append(s->readAll());
                    if (*stage == 0 && buffer->contains("\r\n\r\n")) {
                        const qsizetype end = buffer->indexOf("\r\n\r\n") + 4;
                        handshake(s, buffer->left(end));
                        buffer->remove(0, end);
                        *stage = 1;
                    }
                    if (*stage == 1) {
                        const auto message = takeFrame(*buffer);
                        if (!message)
                            return;
                        writeFrame(s, QJsonDocument(m_answer(*message)).toJson(QJsonDocument::Compact));
                        *stage = 2;
                    }
                    buffer->clear();
                });
            }
        });
    }

    int connections() const { return m_connections; }

private:
    static void handshake(QTcpSocket *s, const QByteArray &request)
    {
        QByteArray key;
        for (const QByteArray &line : request.split('\n')) {
            if (line.toLower().startsWith("sec-websocket-key:"))
                key = line.mid(line.indexOf(':') + 1).trimmed();
        }
        const QByteArray accept =
            QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                     QCryptographicHash::Sha1)
                .toBase64();
        s->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                 accept + "\r\n\r\n");
    }

    // One masked client text frame, if complete (small frames only: enough for hello).
    static std::optional<QJsonObject> takeFrame(QByteArray &buffer)
    {
        if (buffer.size() < 2)
            return std::nullopt;
        qsizetype length = quint8(buffer[1]) & 0x7f;
        qsizetype offset = 2;
        if (length == 126) {
            if (buffer.size() < 4)
                return std::nullopt;
            length = (qsizetype(quint8(buffer[2])) << 8) | quint8(buffer[3]);
            offset = 4;
        }
        if (buffer.size() < offset + 4 + length)
            return std::nullopt;
        const QByteArray mask = buffer.mid(offset, 4);
        QByteArray payload = buffer.mid(offset + 4, length);
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload[i] ^ mask[i % 4]);
        return QJsonDocument::fromJson(payload).object();
    }

    static void writeFrame(QTcpSocket *s, const QByteArray &payload)
    {
        QByteArray frame;
        frame.append(char(0x81)); // final text frame, unmasked (server to client)
        if (payload.size() < 126) {
            frame.append(char(payload.size()));
        } else {
            frame.append(char(126));
            frame.append(char((payload.size() >> 8) & 0xff));
            frame.append(char(payload.size() & 0xff));
        }
        frame.append(payload);
        s->write(frame);
    }

    Answer m_answer;
    int m_connections = 0;
};

} // namespace hb::cc::test
