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
    // `delayMs` > 0 holds each session in awaiting_payment that long (demos, and tests of what
    // happens meanwhile, e.g. a reroute); production runs with 0.
    explicit ImmediatePayment(int delayMs = 0, QObject *parent = nullptr)
        : QObject(parent), m_delayMs(delayMs)
    {
    }
    void requestPayment(const QString &sessionId, const QString &customerId,
                        Callback done) override;

private:
    int m_delayMs;
};

} // namespace hb
