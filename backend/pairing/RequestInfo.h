#pragma once

#include "store/postgres/PairingRecords.h"
#include "store/valkey/ValkeyReply.h"

namespace hb {

// Reads the `request_info` array the pairing scripts return ({id, customer, customer_name,
// strategy, created_ms, deadline_ms}) into the record the durable log takes.
inline RequestRecord requestRecordFrom(const ValkeyReply &info)
{
    const auto &e = info.elements();
    RequestRecord r;
    r.id = QString::fromUtf8(e.value(0).toByteArray());
    r.customerId = QString::fromUtf8(e.value(1).toByteArray());
    r.customerName = QString::fromUtf8(e.value(2).toByteArray());
    r.strategy = QString::fromUtf8(e.value(3).toByteArray());
    r.createdAtMs = e.value(4).toInteger();
    r.deadlineAtMs = e.value(5).toInteger();
    return r;
}

} // namespace hb
