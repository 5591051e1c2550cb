#pragma once

#include "protocol/AuditEntry.h"

#include <QString>

namespace hb {

class ClientConnection;

// The audit entry of a change a staff member asks for: who (the connection's staff identity),
// from where (its address), what and to what. Built when the request arrives, so the change is
// audited even if the staff member's socket is gone by the time it is made; the caller adds the
// time, `before` and `after` once the change happened, and hands it to
// PostgresStore::recordAudit.
AuditEntry staffAuditEntry(const ClientConnection &staff, const QString &action,
                           const QString &target);

} // namespace hb
