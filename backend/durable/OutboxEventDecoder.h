#pragma once

#include "durable/OutboxEntry.h"

#include <optional>

namespace hb {

class ValkeyReply;

// Turns the replies of the shipper's stream commands into typed entries. Pure: no I/O, so it is
// tested against replies built by hand (tests/unit/tst_outbox_decoder).
namespace outboxdecoder {

// One entry: [id, [name, value, ...]] (fields as lua/lib/outbox.lua writes them).
OutboxEntry decodeEntry(const QString &id, const ValkeyReply &fields);

// XREADGROUP ... STREAMS <key> <id>: nil (nothing new) or [[key, [entry...]]].
// nullopt: the reply is not of that shape.
std::optional<OutboxBatch> decodeReadGroup(const ValkeyReply &reply);

// XAUTOCLAIM: [next cursor, [entry...]] or, on Redis 7, [next cursor, [entry...], [deleted id...]].
std::optional<OutboxBatch> decodeAutoClaim(const ValkeyReply &reply);

} // namespace outboxdecoder
} // namespace hb
