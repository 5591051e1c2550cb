#include "Session.h"

namespace hb {

QString toString(SessionState state)
{
    switch (state) {
    case SessionState::AwaitingPayment:
        return QStringLiteral("awaiting_payment");
    case SessionState::Active:
        return QStringLiteral("active");
    case SessionState::Ended:
        return QStringLiteral("ended");
    }
    return {};
}

std::optional<SessionState> sessionStateFromString(const QString &text)
{
    for (auto state : {SessionState::AwaitingPayment, SessionState::Active, SessionState::Ended}) {
        if (text == toString(state))
            return state;
    }
    return std::nullopt;
}

} // namespace hb
