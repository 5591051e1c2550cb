#include "SessionStateMachine.h"

namespace hb {

QString toString(SessionEvent event)
{
    switch (event) {
    case SessionEvent::PaymentConfirmed:
        return QStringLiteral("payment_confirmed");
    case SessionEvent::Ended:
        return QStringLiteral("ended");
    case SessionEvent::Rerouted:
        return QStringLiteral("rerouted");
    }
    return {};
}

SessionTransition applySessionEvent(SessionState current, SessionEvent event)
{
    auto allow = [](SessionState next) { return SessionTransition{true, next, {}}; };
    auto reject = [current](const QString &why) { return SessionTransition{false, current, why}; };

    if (current == SessionState::Ended)
        return reject(QStringLiteral("session has already ended"));

    switch (event) {
    case SessionEvent::PaymentConfirmed:
        if (current == SessionState::AwaitingPayment)
            return allow(SessionState::Active);
        return reject(QStringLiteral("payment is already confirmed for this session"));
    case SessionEvent::Ended:
        return allow(SessionState::Ended);
    case SessionEvent::Rerouted:
        // A reroute moves the session to another mitra; payment state is the customer's and
        // is kept as it is.
        return allow(current);
    }
    return reject(QStringLiteral("unknown session event"));
}

} // namespace hb
