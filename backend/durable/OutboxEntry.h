#pragma once

#include "store/postgres/OutboxEvent.h"

#include <QList>
#include <QString>
#include <optional>

namespace hb {

// One entry read from the outbox stream: its id always, and either the typed event or why it
// could not be decoded (such an entry is kept as a dead letter, never dropped in silence).
struct OutboxEntry
{
    QString id;
    std::optional<OutboxEvent> event;
    QString type;  // the entry's `type` field as written (also when it is unknown)
    QString error; // set when `event` is empty
    QString raw;   // the fields as "name=value ...", for a dead letter of an undecodable entry
};

// A batch of entries from XREADGROUP or XAUTOCLAIM.
struct OutboxBatch
{
    QList<OutboxEntry> entries;
    // XAUTOCLAIM only: where the next scan starts ("0-0": the scan went round).
    QString nextCursor;
    // Entries the group still listed as pending but which are gone from the stream (XAUTOCLAIM
    // on Redis 7; XREADGROUP of pending entries shows them with no fields): acknowledge them.
    QStringList vanished;
};

} // namespace hb
