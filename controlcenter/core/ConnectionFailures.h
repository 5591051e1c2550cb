#pragma once

#include "core/ClientTypes.h"
#include "core/ServerConnection.h"
#include "protocol/ServerMessageParser.h"

namespace hb::cc {

// Turns what went wrong on the wire into what a person is told, in one place, so the sign-in
// dialog and the disconnected banner always say the same thing for the same cause.

// The server refused the sign-in with `error` (then closes with 4001 or 1011).
SignInError signInErrorFromServer(const servermsg::Error &error, bool withPassword);

// The connection ended before `welcome` without an `error` we could read.
SignInError signInErrorFromEnd(const ConnectionEnd &end, bool withPassword);

// An established connection ended: what to show, and whether reconnecting makes sense
// (not after 4002 "replaced", 4001 "unauthorized", or our own sign-out).
DisconnectInfo disconnectInfoFromEnd(const ConnectionEnd &end);

// Whether a failed reconnect attempt (with the token) should stop reconnecting: the token was
// refused. Everything else (unreachable, store down, server restarting) is worth retrying.
bool isFinalReconnectFailure(const ConnectionEnd &end, const std::optional<servermsg::Error> &error);

} // namespace hb::cc
