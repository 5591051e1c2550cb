#pragma once

#include <QByteArray>
#include <QList>
#include <optional>

namespace hb::bench {

// Just enough of the Redis serialization protocol (RESP2) to time a Valkey round trip without
// any client library in between: encodes commands, decodes the scalar replies the probe gets
// (+simple, -error, :integer, $bulk). Arrays are never asked for and decode as an error.
class RespReader
{
public:
    struct Reply
    {
        char kind = '-'; // '+', '-', ':', '$'
        QByteArray text; // the string, the error text, the integer's digits or the bulk
    };

    static QByteArray encode(const QList<QByteArray> &args);

    void feed(const QByteArray &data) { m_buffer.append(data); }
    // The next complete reply, or nullopt until more data arrives.
    std::optional<Reply> next();

private:
    QByteArray m_buffer;
};

} // namespace hb::bench
