#pragma once

#include <QObject>
#include <QTimer>

namespace hb {

class PairingService;
class ValkeyClient;

// The clock of pairing, run by every instance (each expiry is claimed by one atomic script, so
// running everywhere is safe and survives any instance dying): requests past their deadline
// fail, round-robin offers past their timeout move on, and requests left with no open offer
// are offered again (a safety net for pushes lost between instances).
class PairingSweeper : public QObject
{
    Q_OBJECT
public:
    PairingSweeper(ValkeyClient &valkey, PairingService &pairing, int intervalMs,
                   QObject *parent = nullptr);

    void start();
    void stop();

private:
    void sweep();

    ValkeyClient &m_valkey;
    PairingService &m_pairing;
    QTimer m_timer;
    int m_inFlight = 0;
};

} // namespace hb
