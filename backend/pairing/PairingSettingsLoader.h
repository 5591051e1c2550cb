#pragma once

#include <QObject>

#include <functional>

namespace hb {

class PostgresStore;
class ValkeyClient;

// PostgreSQL is the truth for pairing settings (global capacity, per-mitra capacity and
// weight, round-robin batch, broadcast cap, strategy); Valkey holds the copy the Lua scripts
// read. Loaded at start-up and again whenever Valkey comes back (it may have lost its data).
// The configured default capacity applies until staff store one in the database.
class PairingSettingsLoader : public QObject
{
    Q_OBJECT
public:
    PairingSettingsLoader(ValkeyClient &valkey, PostgresStore &store, int defaultMaxCustomers,
                          QObject *parent = nullptr);

    void load(std::function<void(bool ok)> done);

private:
    ValkeyClient &m_valkey;
    PostgresStore &m_store;
    int m_defaultMaxCustomers;
};

} // namespace hb
