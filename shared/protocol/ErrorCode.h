#pragma once

#include <QString>
#include <optional>

namespace hb {

// The `code` of an `error` message. The strings are part of protocol v1: apps switch on them.
enum class ErrorCode {
    BadRequest,   // the message could not be understood (JSON, type, fields)
    Unauthorized, // no or failed authentication
    Forbidden,    // authenticated, but this role may not do this
    NotFound,     // the named request, session or mitra does not exist
    Conflict,     // the target is in a state that does not allow this (closed, ended, duplicate)
    CapacityFull, // the mitra has no free slot
    MitraOffline, // the mitra must be online for this
    RateLimited,  // too many messages
    TooLarge,     // frame above the size limit
    Unavailable,  // a backing service is down; try again later
    Internal,     // a bug or unexpected failure on the server
};

QString toString(ErrorCode code);
std::optional<ErrorCode> errorCodeFromString(const QString &text);

} // namespace hb
