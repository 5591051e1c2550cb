#include "PairingSettingsLoader.h"

#include "store/postgres/PairingRecords.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QFutureWatcher>

#include <memory>

namespace hb {

PairingSettingsLoader::PairingSettingsLoader(ValkeyClient &valkey, PostgresStore &store,
                                             int defaultMaxCustomers, QObject *parent)
    : QObject(parent), m_valkey(valkey), m_store(store), m_defaultMaxCustomers(defaultMaxCustomers)
{
}

void PairingSettingsLoader::load(std::function<void(bool ok)> done)
{
    auto *watcher = new QFutureWatcher<PairingSettings>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done] {
        watcher->deleteLater();
        PairingSettings s;
        try {
            s = watcher->result();
        } catch (const std::exception &e) {
            qWarning("cannot load pairing settings: %s", e.what());
            done(false);
            return;
        }
        QList<QList<QByteArray>> commands;
        const QByteArray settings = QByteArrayLiteral("hb:settings");
        // Staff's global capacity wins over the configured default; without one, the first
        // instance's default stands (HSETNX) so instances never fight over it.
        if (s.globalMaxCustomers)
            commands.append({"HSET", settings, "global_cap", QByteArray::number(*s.globalMaxCustomers)});
        else
            commands.append({"HSETNX", settings, "global_cap", QByteArray::number(m_defaultMaxCustomers)});
        if (s.roundRobinBatch)
            commands.append({"HSET", settings, "rr_batch", QByteArray::number(*s.roundRobinBatch)});
        if (s.broadcastMax)
            commands.append({"HSET", settings, "broadcast_max", QByteArray::number(*s.broadcastMax)});
        if (s.strategy)
            commands.append({"HSET", settings, "strategy", s.strategy->toUtf8()});
        for (auto it = s.mitraMaxCustomers.cbegin(); it != s.mitraMaxCustomers.cend(); ++it)
            commands.append({"HSET", "hb:mitra:" + it.key().toUtf8(), "cap", QByteArray::number(it.value())});
        for (auto it = s.mitraWeights.cbegin(); it != s.mitraWeights.cend(); ++it)
            commands.append({"HSET", "hb:mitra:" + it.key().toUtf8(), "weight", QByteArray::number(it.value())});

        auto remaining = std::make_shared<qsizetype>(commands.size());
        auto ok = std::make_shared<bool>(true);
        for (const auto &command : std::as_const(commands)) {
            m_valkey.command(command, this, [remaining, ok, done](const ValkeyResult &result) {
                if (result.isError())
                    *ok = false;
                if (--*remaining == 0)
                    done(*ok);
            });
        }
    });
    watcher->setFuture(m_store.loadPairingSettings());
}

} // namespace hb
