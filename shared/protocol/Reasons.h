#pragma once

#include <QString>
#include <optional>

namespace hb {

// The fixed `reason` values of server messages in protocol v1. Enums rather than strings so a
// typo cannot reach an app.

// offer.closed
enum class OfferClosedReason {
    Taken,     // another mitra accepted first
    Declined,  // this mitra declined
    Cancelled, // the customer gave up
    Expired,   // the offer's or the request's deadline passed
};

// session.ended
enum class SessionEndReason {
    EndedByMitra,
    EndedByCustomer,
    PaymentFailed, // the payment failed, or was not confirmed before the session's deadline
};

// pairing.failed
enum class PairingFailedReason {
    NoBestieAvailable, // nobody could ever be offered the request
    Timeout,           // offered, but nobody accepted before the deadline
};

QString toString(OfferClosedReason reason);
std::optional<OfferClosedReason> offerClosedReasonFromString(const QString &text);

QString toString(SessionEndReason reason);
std::optional<SessionEndReason> sessionEndReasonFromString(const QString &text);

QString toString(PairingFailedReason reason);
std::optional<PairingFailedReason> pairingFailedReasonFromString(const QString &text);

} // namespace hb
