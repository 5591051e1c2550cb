#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hb {

// One RESP2 reply, copied out of hiredis so it can outlive the callback it arrived in.
class ValkeyReply
{
public:
    enum class Type { Nil, Status, Error, Integer, String, Array };

    ValkeyReply() = default; // Nil

    static ValkeyReply nil() { return {}; }
    static ValkeyReply status(QByteArray text);
    static ValkeyReply error(QByteArray text);
    static ValkeyReply integer(qint64 value);
    static ValkeyReply string(QByteArray bytes);
    static ValkeyReply array(QList<ValkeyReply> elements);

    Type type() const { return m_type; }
    bool isNil() const { return m_type == Type::Nil; }
    bool isStatus() const { return m_type == Type::Status; }
    bool isError() const { return m_type == Type::Error; }
    bool isInteger() const { return m_type == Type::Integer; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }

    // The bytes of a String, Status or Error reply, the decimal text of an Integer; empty for
    // Nil and Array.
    QByteArray toByteArray() const;
    // An Integer, or a String/Status holding a decimal number (Lua scripts and HGET return
    // numbers as strings). 0 and *ok = false otherwise.
    qint64 toInteger(bool *ok = nullptr) const;
    // A String or Status reply as text (our scripts only return UTF-8); empty otherwise.
    QString toText() const { return QString::fromUtf8(toByteArray()); }
    // The elements of an Array; empty for every other type.
    const QList<ValkeyReply> &elements() const { return m_elements; }

    // An Error reply's text ("NOSCRIPT No matching script..."); empty for other types.
    QString errorText() const;
    // The first word of an Error reply ("NOSCRIPT", "WRONGTYPE", "ERR"); empty otherwise.
    QByteArray errorCode() const;

    // A short human-readable rendering for logs and test failure messages.
    QString toDebugString() const;

    friend bool operator==(const ValkeyReply &, const ValkeyReply &) = default;

private:
    Type m_type = Type::Nil;
    qint64 m_integer = 0;
    QByteArray m_bytes;
    QList<ValkeyReply> m_elements;
};

} // namespace hb
