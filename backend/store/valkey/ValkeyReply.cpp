#include "ValkeyReply.h"

#include <QStringList>

namespace hb {

ValkeyReply ValkeyReply::status(QByteArray text)
{
    ValkeyReply r;
    r.m_type = Type::Status;
    r.m_bytes = std::move(text);
    return r;
}

ValkeyReply ValkeyReply::error(QByteArray text)
{
    ValkeyReply r;
    r.m_type = Type::Error;
    r.m_bytes = std::move(text);
    return r;
}

ValkeyReply ValkeyReply::integer(qint64 value)
{
    ValkeyReply r;
    r.m_type = Type::Integer;
    r.m_integer = value;
    return r;
}

ValkeyReply ValkeyReply::string(QByteArray bytes)
{
    ValkeyReply r;
    r.m_type = Type::String;
    r.m_bytes = std::move(bytes);
    return r;
}

ValkeyReply ValkeyReply::array(QList<ValkeyReply> elements)
{
    ValkeyReply r;
    r.m_type = Type::Array;
    r.m_elements = std::move(elements);
    return r;
}

QByteArray ValkeyReply::toByteArray() const
{
    if (m_type == Type::Integer)
        return QByteArray::number(m_integer);
    return m_bytes;
}

qint64 ValkeyReply::toInteger(bool *ok) const
{
    bool parsed = false;
    qint64 value = 0;
    if (m_type == Type::Integer) {
        parsed = true;
        value = m_integer;
    } else if (m_type == Type::String || m_type == Type::Status) {
        value = m_bytes.toLongLong(&parsed, 10);
    }
    if (ok)
        *ok = parsed;
    return parsed ? value : 0;
}

QString ValkeyReply::errorText() const
{
    return m_type == Type::Error ? QString::fromUtf8(m_bytes) : QString();
}

QByteArray ValkeyReply::errorCode() const
{
    if (m_type != Type::Error)
        return {};
    const qsizetype space = m_bytes.indexOf(' ');
    return space < 0 ? m_bytes : m_bytes.left(space);
}

QString ValkeyReply::toDebugString() const
{
    switch (m_type) {
    case Type::Nil:
        return QStringLiteral("(nil)");
    case Type::Status:
        return QStringLiteral("+") + QString::fromUtf8(m_bytes);
    case Type::Error:
        return QStringLiteral("-") + QString::fromUtf8(m_bytes);
    case Type::Integer:
        return QStringLiteral("(integer) ") + QString::number(m_integer);
    case Type::String:
        // Binary values stay readable and unambiguous.
        return QLatin1Char('"') + QString::fromLatin1(m_bytes.toPercentEncoding(" ")) +
               QLatin1Char('"');
    case Type::Array: {
        QStringList parts;
        parts.reserve(m_elements.size());
        for (const ValkeyReply &e : m_elements)
            parts.append(e.toDebugString());
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    }
    return {};
}

} // namespace hb
