#pragma once

#include "Session.h"

#include <QString>

namespace hb {

// What can happen to a session. Every component that changes a session's state (the backend's
// Lua scripts included) follows these rules, so they live in one place and are tested once.
enum class SessionEvent {
    PaymentConfirmed, // awaiting_payment -> active
    Ended,            // awaiting_payment | active -> ended
    Rerouted,         // awaiting_payment | active, state unchanged (only the mitra changes)
};

QString toString(SessionEvent event);

// The outcome of applying an event: the next state, or why the event is not allowed (suitable
// for an error message to a client, e.g. with code `conflict`).
struct SessionTransition
{
    bool allowed = false;
    SessionState next = SessionState::Ended; // equals the input state when not allowed
    QString reason;                          // empty when allowed
};

SessionTransition applySessionEvent(SessionState current, SessionEvent event);

} // namespace hb
