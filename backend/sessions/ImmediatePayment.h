#pragma once

#include "PaymentGateway.h"

#include <QObject>

namespace hb {

// Phase 2's payment: confirmed at once, but asynchronously like a real provider would be, so
// the awaiting_payment state is real (and reroutable) for the duration of one event-loop turn.
class ImmediatePayment : public QObject, public PaymentGateway
{
    Q_OBJECT
public:
    using QObject::QObject;
    void requestPayment(const QString &sessionId, const QString &customerId,
                        Callback done) override;
};

} // namespace hb
