#pragma once

#include "domain/Role.h"
#include "protocol/ErrorCode.h"

#include <QMetaType>
#include <QString>
#include <optional>

namespace hb::cc {

// The signed-in staff member, from `welcome`.
struct StaffIdentity
{
    QString id;   // the account id (`staff_...`) or the token's sub
    QString name; // display name
    StaffRole role = StaffRole::Viewer;

    // Supervisors may change things (capacity, reroute, force offline); viewers only look.
    bool maySupervise() const { return role == StaffRole::Supervisor; }

    friend bool operator==(const StaffIdentity &, const StaffIdentity &) = default;
};

// Why signing in failed. `message` is a complete English sentence for the sign-in dialog;
// the UI may instead pick its own (translated) text by `kind`.
struct SignInError
{
    enum class Kind {
        WrongCredentials, // unknown user, wrong password or disabled account
        TokenRejected,    // the token is invalid, expired or its account disabled: sign in again
        RateLimited,      // too many failed sign-ins: wait a few minutes
        Unreachable,      // no server answers at that address (refused, DNS, timeout)
        TlsError,         // the TLS handshake or certificate check failed
        ServerUnavailable, // the server is up but its account store is down: try later
        ProtocolError,    // the peer does not speak this protocol (wrong URL/port?)
        ServerError,      // any other refusal, message from the server
    };
    Kind kind = Kind::ServerError;
    QString message;
};

// Why a PendingRequest failed.
struct RequestFailure
{
    enum class Kind {
        ServerError,    // the server answered `error`: see code/codeText/message
        TimedOut,       // no answer within the request timeout (the change may still happen)
        NotConnected,   // not signed in when the request was made; nothing was sent
        ConnectionLost, // the connection dropped before the answer (the change may have happened)
        BadReply,       // the answer could not be read
        Invalid,        // refused before sending (e.g. a capacity outside 0..1000); nothing sent
    };
    Kind kind = Kind::ServerError;
    std::optional<ErrorCode> code; // ServerError with a known code
    QString codeText;              // ServerError: the code as sent, e.g. "capacity_full"
    QString message;               // for people: the server's message, or ours for other kinds
};

// Why the connection ended, for the "disconnected" banner.
struct DisconnectInfo
{
    enum class Kind {
        SignedOut,      // disconnectFromServer() was called
        NetworkLost,    // drop without a close frame, or no pong in time
        ServerShutdown, // close 1001: another instance takes over
        Replaced,       // close 4002: the same account connected elsewhere; no auto reconnect
        Unauthorized,   // close 4001 after sign-in: the token is no longer accepted; sign in again
        Other,          // any other close code; see closeCode and message
    };
    Kind kind = Kind::NetworkLost;
    int closeCode = 0;
    QString message;        // the close reason, or ours
    bool willReconnect = false;
};

} // namespace hb::cc

Q_DECLARE_METATYPE(hb::cc::StaffIdentity)
Q_DECLARE_METATYPE(hb::cc::SignInError)
Q_DECLARE_METATYPE(hb::cc::RequestFailure)
Q_DECLARE_METATYPE(hb::cc::DisconnectInfo)
