#include "Reasons.h"

#include <initializer_list>

namespace hb {

namespace {

template <class Enum>
std::optional<Enum> fromString(const QString &text, std::initializer_list<Enum> all)
{
    for (Enum value : all) {
        if (toString(value) == text)
            return value;
    }
    return std::nullopt;
}

} // namespace

QString toString(OfferClosedReason reason)
{
    switch (reason) {
    case OfferClosedReason::Taken:
        return QStringLiteral("taken");
    case OfferClosedReason::Declined:
        return QStringLiteral("declined");
    case OfferClosedReason::Cancelled:
        return QStringLiteral("cancelled");
    case OfferClosedReason::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

std::optional<OfferClosedReason> offerClosedReasonFromString(const QString &text)
{
    return fromString(text, {OfferClosedReason::Taken, OfferClosedReason::Declined,
                             OfferClosedReason::Cancelled, OfferClosedReason::Expired});
}

QString toString(SessionEndReason reason)
{
    switch (reason) {
    case SessionEndReason::EndedByMitra:
        return QStringLiteral("ended_by_mitra");
    case SessionEndReason::EndedByCustomer:
        return QStringLiteral("ended_by_customer");
    case SessionEndReason::PaymentFailed:
        return QStringLiteral("payment_failed");
    }
    return {};
}

std::optional<SessionEndReason> sessionEndReasonFromString(const QString &text)
{
    return fromString(text, {SessionEndReason::EndedByMitra, SessionEndReason::EndedByCustomer,
                            SessionEndReason::PaymentFailed});
}

QString toString(PairingFailedReason reason)
{
    switch (reason) {
    case PairingFailedReason::NoBestieAvailable:
        return QStringLiteral("no_bestie_available");
    case PairingFailedReason::Timeout:
        return QStringLiteral("timeout");
    }
    return {};
}

std::optional<PairingFailedReason> pairingFailedReasonFromString(const QString &text)
{
    return fromString(text, {PairingFailedReason::NoBestieAvailable, PairingFailedReason::Timeout});
}

} // namespace hb
