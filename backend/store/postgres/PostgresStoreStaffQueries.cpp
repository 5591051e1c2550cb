// PostgresStore: reads behind what staff watch (presence.history).
#include "PgTransaction.h"
#include "PgWorker.h"
#include "PostgresStore.h"

namespace hb {

using JobKind = PgWorker::JobKind;

namespace {

const char *const kMitraExists = "SELECT EXISTS (SELECT 1 FROM mitras WHERE id = $1)";

} // namespace

QFuture<bool> PostgresStore::mitraExists(const QString &mitraId)
{
    return m_worker->submit<bool>(JobKind::Read, [mitraId](PgTransaction &tx) {
        return tx.exec(kMitraExists, mitraId)[0][0].as<bool>();
    });
}

} // namespace hb
