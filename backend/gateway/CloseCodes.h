#pragma once

namespace hb::close_code {

// WebSocket close codes the server uses (4000-4999 are ours; see docs/protocol.md).
constexpr int kUnauthorized = 4001;  // bad/missing token, no hello in time
constexpr int kReplaced = 4002;      // a newer connection of the same user took over
constexpr int kGoingAway = 1001;     // server shutting down
constexpr int kPolicyViolation = 1008; // repeated abuse
constexpr int kTooBig = 1009;        // frame beyond the hard limit
// The server could not decide (e.g. PostgreSQL unreachable during a staff sign-in): not the
// client's fault, so not 4001, and its app may try again.
constexpr int kServerError = 1011;

} // namespace hb::close_code
