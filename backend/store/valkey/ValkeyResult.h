#pragma once

#include "store/valkey/ValkeyReply.h"

#include <QString>

namespace hb {

// What a command's callback receives: the server's reply (which may itself be an error reply
// such as WRONGTYPE) or a transport failure that means the server never answered.
class ValkeyResult
{
public:
    enum class Kind {
        Reply,        // the server answered with a non-error reply
        ServerError,  // the server answered with an error reply
        NotConnected, // the command was issued while there was no connection; nothing was sent
        Disconnected, // the connection was lost before the reply came; it may or may not have run
        Timeout,      // no reply within commandTimeoutMs; it may still run; its reply is dropped
    };

    static ValkeyResult fromReply(ValkeyReply reply);
    static ValkeyResult failure(Kind kind, QString text);

    Kind kind() const { return m_kind; }
    // True for a server error reply and for every transport failure.
    bool isError() const { return m_kind != Kind::Reply; }
    bool isOk() const { return m_kind == Kind::Reply; }
    bool isServerError() const { return m_kind == Kind::ServerError; }
    // NotConnected, Disconnected or Timeout: worth retrying later, unlike a server error.
    bool isTransportError() const { return m_kind != Kind::Reply && m_kind != Kind::ServerError; }

    // The reply for Reply and ServerError; Nil for transport failures.
    const ValkeyReply &reply() const { return m_reply; }
    // Empty when isOk(); else the server's error text or a one-line description of the failure.
    QString errorText() const;

    static QString kindName(Kind kind);

private:
    Kind m_kind = Kind::Reply;
    ValkeyReply m_reply;
    QString m_text;
};

} // namespace hb
