#pragma once

#include <QObject>
#include <QTimer>

namespace hb {

class SessionService;
class ValkeyClient;

// The payment deadline's clock, run by every instance: sessions still awaiting payment past
// their deadline end with payment_failed, whichever instance created them (payment_fail.lua
// re-checks each one atomically, so instances sweeping at once end it once, and a session whose
// creator died is still ended by the others).
class PaymentSweeper : public QObject
{
    Q_OBJECT
public:
    PaymentSweeper(ValkeyClient &valkey, SessionService &sessions, int intervalMs,
                   QObject *parent = nullptr);

    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }

private:
    ValkeyClient &m_valkey;
    SessionService &m_sessions;
    QTimer m_timer;
};

} // namespace hb
