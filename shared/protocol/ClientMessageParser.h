#pragma once

#include "ClientMessage.h"
#include "ProtocolError.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace hb {

// Limits on client-chosen strings, so a client cannot make the server store or echo megabytes.
inline constexpr qsizetype kMaxIdLength = 200;       // "id" and every *_id field
inline constexpr qsizetype kMaxTokenLength = 8192;   // hello's JWT
inline constexpr qsizetype kMaxUsernameLength = 200; // login
inline constexpr qsizetype kMaxPasswordLength = 1024;

// The outcome of decoding one frame: the message, or (when `message` is empty) the error to
// send back. `ref` is the message's "id" whenever it could be read, even if the rest was bad,
// so the error reply can carry it; on success it equals message->id.
struct ParseResult
{
    std::optional<ClientMessage> message;
    ProtocolError error; // meaningful only when !message
    std::optional<QString> ref;

    bool ok() const { return message.has_value(); }
};

// Decodes and validates one text frame. Pure: no I/O, no state, safe on any input. Every
// failure is `bad_request` with a message naming the problem; unknown extra fields are
// ignored so newer clients keep working with this server.
ParseResult parseClientMessage(QByteArrayView frame);

// The same, for a JSON object decoded elsewhere.
ParseResult parseClientMessage(const QJsonObject &object);

} // namespace hb
