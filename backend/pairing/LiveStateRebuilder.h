#pragma once

#include <QObject>

#include <functional>

namespace hb {

class PostgresStore;
class ValkeyClient;

// Puts open sessions and open requests from PostgreSQL back into Valkey when Valkey has lost
// them (restart without persistence): without this a mitra's capacity would look free while it
// still has customers, and a searching customer would wait forever. Entries Valkey still knows
// are left alone, so it runs at every start and after every Valkey reconnect.
class LiveStateRebuilder : public QObject
{
    Q_OBJECT
public:
    // `paymentTimeoutMs`: the payment deadline a session restored awaiting payment gets.
    LiveStateRebuilder(ValkeyClient &valkey, PostgresStore &store, qint64 paymentTimeoutMs,
                       QObject *parent = nullptr);

    void rebuild(std::function<void(bool ok)> done);

private:
    ValkeyClient &m_valkey;
    PostgresStore &m_store;
    qint64 m_paymentTimeoutMs;
};

} // namespace hb
