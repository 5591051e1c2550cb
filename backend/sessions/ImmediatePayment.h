#pragma once

#include "PaymentGateway.h"

#include <QObject>
#include <QString>

namespace hb {

// Phase 2's payment: confirmed at once, but asynchronously like a real provider would be, so
// the awaiting_payment state is real (and reroutable) for the duration of one event-loop turn.
class ImmediatePayment : public QObject, public PaymentGateway
{
    Q_OBJECT
public:
    // What every payment answers. Production confirms; the others exist so tests and demos can
    // drive the failure path (Fail) and the payment deadline (Never: no answer, as a provider
    // that went silent).
    enum class Mode { Confirm, Fail, Never };
    // "confirm", "fail" or "never" (HALOBESTIE_PAYMENT_MODE, checked by Config); Confirm
    // otherwise.
    static Mode modeFromString(const QString &text);

    // `delayMs` > 0 holds each session in awaiting_payment that long before the answer (demos,
    // and tests of what happens meanwhile, e.g. a reroute); production runs with 0.
    explicit ImmediatePayment(int delayMs = 0, Mode mode = Mode::Confirm,
                              QObject *parent = nullptr)
        : QObject(parent), m_delayMs(delayMs), m_mode(mode)
    {
    }
    void requestPayment(const QString &sessionId, const QString &customerId,
                        Callback done) override;

private:
    int m_delayMs;
    Mode m_mode;
};

} // namespace hb
