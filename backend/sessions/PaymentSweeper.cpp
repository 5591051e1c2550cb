#include "PaymentSweeper.h"

#include "SessionService.h"
#include "store/valkey/ValkeyClient.h"

namespace hb {

namespace {
// Sessions ended per round at most: a backlog after an outage drains over a few rounds instead
// of one long script blocking Valkey.
constexpr int kPaymentSweepBatch = 200;
}

PaymentSweeper::PaymentSweeper(ValkeyClient &valkey, SessionService &sessions, int intervalMs,
                               QObject *parent)
    : QObject(parent), m_valkey(valkey), m_sessions(sessions)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_valkey.isConnected())
            m_sessions.endOverduePayments(kPaymentSweepBatch);
    });
}

} // namespace hb
