#include "RespReader.h"

namespace hb::bench {

QByteArray RespReader::encode(const QList<QByteArray> &args)
{
    QByteArray out = '*' + QByteArray::number(args.size()) + "\r\n";
    for (const QByteArray &arg : args)
        out += '$' + QByteArray::number(arg.size()) + "\r\n" + arg + "\r\n";
    return out;
}

std::optional<RespReader::Reply> RespReader::next()
{
    const qsizetype lineEnd = m_buffer.indexOf("\r\n");
    if (lineEnd < 0)
        return std::nullopt;
    Reply reply;
    reply.kind = m_buffer.at(0);
    const QByteArray line = m_buffer.mid(1, lineEnd - 1);
    switch (reply.kind) {
    case '+':
    case '-':
    case ':':
        reply.text = line;
        m_buffer.remove(0, lineEnd + 2);
        return reply;
    case '$': {
        const qsizetype length = line.toLongLong();
        if (length < 0) { // nil
            m_buffer.remove(0, lineEnd + 2);
            return reply;
        }
        if (m_buffer.size() < lineEnd + 2 + length + 2)
            return std::nullopt;
        reply.text = m_buffer.mid(lineEnd + 2, length);
        m_buffer.remove(0, lineEnd + 2 + length + 2);
        return reply;
    }
    default:
        // Unexpected shape: report it and drop what is buffered rather than misparse.
        m_buffer.clear();
        return Reply{'-', "unexpected reply type"};
    }
}

} // namespace hb::bench
