#include "ImmediatePayment.h"

#include <QTimer>

namespace hb {

ImmediatePayment::Mode ImmediatePayment::modeFromString(const QString &text)
{
    if (text == QLatin1String("fail"))
        return Mode::Fail;
    if (text == QLatin1String("never"))
        return Mode::Never;
    return Mode::Confirm;
}

void ImmediatePayment::requestPayment(const QString &, const QString &, Callback done)
{
    if (m_mode == Mode::Never)
        return; // the payment deadline ends the session (PaymentSweeper)
    const Outcome outcome = m_mode == Mode::Fail ? Outcome::Failed : Outcome::Confirmed;
    QTimer::singleShot(m_delayMs, this,
                       [done = std::move(done), outcome] { done(outcome); });
}

} // namespace hb
