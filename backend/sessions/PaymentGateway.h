#pragma once

#include <QString>

#include <functional>

namespace hb {

// The payment step between acceptance and the session's start. A session holds its mitra's
// slot from acceptance on, whatever payment does. This phase confirms at once
// (ImmediatePayment); the next phase plugs a real provider in here without touching pairing.
class PaymentGateway
{
public:
    enum class Outcome { Confirmed, Failed };
    using Callback = std::function<void(Outcome)>;

    virtual ~PaymentGateway() = default;
    // Asks the customer to pay for the session; `done` runs once, on the caller's thread.
    virtual void requestPayment(const QString &sessionId, const QString &customerId,
                                Callback done) = 0;
};

} // namespace hb
