// PostgresStore: the pairing settings staff change at run time (settings table, mitras columns).
#include "MitraRows.h"
#include "PgTransaction.h"
#include "PgWorker.h"
#include "PostgresStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hb {

using JobKind = PgWorker::JobKind;

namespace {

const char *const kGlobalMaxCustomers = "global_max_customers";
const char *const kRoundRobinBatch = "round_robin_batch";
const char *const kPairingStrategy = "pairing_strategy";
const char *const kBroadcastMax = "broadcast_max";

// Numbers come back as integers (the table's check admits only integral values for these keys),
// strings as text; anything else as NULL.
const char *const kLoadSettings = R"sql(
SELECT key,
       CASE WHEN jsonb_typeof(value) = 'number' THEN round(value::numeric)::bigint END,
       CASE WHEN jsonb_typeof(value) = 'string' THEN value #>> '{}' END
FROM settings
WHERE key IN ('global_max_customers', 'round_robin_batch', 'pairing_strategy', 'broadcast_max'))sql";

const char *const kMitraCapacities =
    "SELECT id, max_customers FROM mitras WHERE max_customers IS NOT NULL";
const char *const kMitraWeights = "SELECT id, weight FROM mitras WHERE weight <> 1";

// The value travels as a one-element JSON array: QJsonDocument cannot write a bare scalar.
const char *const kUpsertSetting = R"sql(
INSERT INTO settings (key, value) VALUES ($1, ($2::jsonb) -> 0)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
    WHERE settings.value IS DISTINCT FROM EXCLUDED.value)sql";

const char *const kDeleteSetting = "DELETE FROM settings WHERE key = $1";

const char *const kSetMitraMaxCustomers = R"sql(
UPDATE mitras SET max_customers = $2, updated_at = now()
WHERE id = $1 AND max_customers IS DISTINCT FROM $2::integer)sql";

const char *const kClearMitraMaxCustomers = R"sql(
UPDATE mitras SET max_customers = NULL, updated_at = now()
WHERE id = $1 AND max_customers IS NOT NULL)sql";

const char *const kSetMitraWeight = R"sql(
UPDATE mitras SET weight = $2, updated_at = now() WHERE id = $1 AND weight <> $2::integer)sql";

std::optional<int> toInt(const pqxx::field &field)
{
    const std::optional<qint64> value = PgTransaction::optionalInt64(field);
    if (!value)
        return std::nullopt;
    return static_cast<int>(*value);
}

} // namespace

QFuture<PairingSettings> PostgresStore::loadPairingSettings()
{
    return m_worker->submit<PairingSettings>(JobKind::Read, [](PgTransaction &tx) {
        PairingSettings settings;
        for (const auto &row : tx.exec(kLoadSettings)) {
            const QString key = PgTransaction::text(row[0]);
            if (key == QLatin1String(kGlobalMaxCustomers))
                settings.globalMaxCustomers = toInt(row[1]);
            else if (key == QLatin1String(kRoundRobinBatch))
                settings.roundRobinBatch = toInt(row[1]);
            else if (key == QLatin1String(kBroadcastMax))
                settings.broadcastMax = toInt(row[1]);
            else if (key == QLatin1String(kPairingStrategy) && !row[2].is_null())
                settings.strategy = PgTransaction::text(row[2]);
        }
        for (const auto &row : tx.exec(kMitraCapacities))
            settings.mitraMaxCustomers.insert(PgTransaction::text(row[0]), row[1].as<int>());
        for (const auto &row : tx.exec(kMitraWeights))
            settings.mitraWeights.insert(PgTransaction::text(row[0]), row[1].as<int>());
        return settings;
    });
}

QFuture<void> PostgresStore::saveGlobalMaxCustomers(std::optional<int> maxCustomers)
{
    return saveSetting(QLatin1String(kGlobalMaxCustomers), maxCustomers
                                                               ? QJsonValue(*maxCustomers)
                                                               : QJsonValue(QJsonValue::Undefined));
}

QFuture<void> PostgresStore::saveMitraMaxCustomers(const QString &mitraId,
                                                   std::optional<int> maxCustomers)
{
    return m_worker->submit<void>(JobKind::Write, [mitraId, maxCustomers](PgTransaction &tx) {
        tx.exec(pgsql::kEnsureMitra, mitraId);
        if (maxCustomers)
            tx.exec(kSetMitraMaxCustomers, mitraId, *maxCustomers);
        else
            tx.exec(kClearMitraMaxCustomers, mitraId);
    });
}

QFuture<void> PostgresStore::saveMitraWeight(const QString &mitraId, int weight)
{
    return m_worker->submit<void>(JobKind::Write, [mitraId, weight](PgTransaction &tx) {
        tx.exec(pgsql::kEnsureMitra, mitraId);
        tx.exec(kSetMitraWeight, mitraId, weight);
    });
}

QFuture<void> PostgresStore::saveSetting(const QString &key, const QJsonValue &value)
{
    if (value.isUndefined()) {
        return m_worker->submit<void>(JobKind::Write,
                                      [key](PgTransaction &tx) { tx.exec(kDeleteSetting, key); });
    }
    const QString json =
        QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return m_worker->submit<void>(
        JobKind::Write, [key, json](PgTransaction &tx) { tx.exec(kUpsertSetting, key, json); });
}

} // namespace hb
