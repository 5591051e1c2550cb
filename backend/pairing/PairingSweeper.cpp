#include "PairingSweeper.h"

#include "PairingService.h"
#include "lua/LuaScripts.h"
#include "store/valkey/ValkeyClient.h"

namespace hb {

namespace {
constexpr int kBatch = 200;
}

PairingSweeper::PairingSweeper(ValkeyClient &valkey, PairingService &pairing, int intervalMs,
                               QObject *parent)
    : QObject(parent), m_valkey(valkey), m_pairing(pairing)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &PairingSweeper::sweep);
}

void PairingSweeper::start()
{
    m_timer.start();
}

void PairingSweeper::stop()
{
    m_timer.stop();
}

void PairingSweeper::sweep()
{
    // One round at a time: a slow Valkey must not pile rounds up.
    if (m_inFlight > 0 || !m_valkey.isConnected())
        return;
    m_inFlight = 3;
    const auto done = [this] { --m_inFlight; };

    m_valkey.eval(LuaScripts::instance().requestsDue, {}, {QByteArray::number(kBatch)}, this,
                  [this, done](const ValkeyResult &result) {
                      done();
                      if (result.isError())
                          return;
                      for (const auto &rid : result.reply().elements())
                          m_pairing.failRequest(QString::fromUtf8(rid.toByteArray()));
                  });
    m_valkey.eval(LuaScripts::instance().offersExpire, {}, {QByteArray::number(kBatch)}, this,
                  [this, done](const ValkeyResult &result) {
                      done();
                      if (!result.isError())
                          m_pairing.expireOffers(result.reply());
                  });
    m_valkey.eval(LuaScripts::instance().requestsWaiting, {},
                  {QByteArray(), QByteArray::number(kBatch)}, this,
                  [this, done](const ValkeyResult &result) {
                      done();
                      if (result.isError())
                          return;
                      for (const auto &rid : result.reply().elements())
                          m_pairing.offerNext(QString::fromUtf8(rid.toByteArray()));
                  });
}

} // namespace hb
