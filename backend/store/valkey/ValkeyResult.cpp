#include "ValkeyResult.h"

namespace hb {

ValkeyResult ValkeyResult::fromReply(ValkeyReply reply)
{
    ValkeyResult r;
    r.m_kind = reply.isError() ? Kind::ServerError : Kind::Reply;
    r.m_reply = std::move(reply);
    return r;
}

ValkeyResult ValkeyResult::failure(Kind kind, QString text)
{
    Q_ASSERT(kind != Kind::Reply && kind != Kind::ServerError);
    ValkeyResult r;
    r.m_kind = kind;
    r.m_text = std::move(text);
    return r;
}

QString ValkeyResult::errorText() const
{
    switch (m_kind) {
    case Kind::Reply:
        return {};
    case Kind::ServerError:
        return m_reply.errorText();
    case Kind::NotConnected:
    case Kind::Disconnected:
    case Kind::Timeout:
        return m_text;
    }
    return {};
}

QString ValkeyResult::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Reply:
        return QStringLiteral("Reply");
    case Kind::ServerError:
        return QStringLiteral("ServerError");
    case Kind::NotConnected:
        return QStringLiteral("NotConnected");
    case Kind::Disconnected:
        return QStringLiteral("Disconnected");
    case Kind::Timeout:
        return QStringLiteral("Timeout");
    }
    return {};
}

} // namespace hb
