#include "StaffAudit.h"

#include "gateway/ClientConnection.h"

namespace hb {

AuditEntry staffAuditEntry(const ClientConnection &staff, const QString &action,
                           const QString &target)
{
    AuditEntry entry;
    entry.actorId = staff.identity().id;
    entry.actorName = staff.identity().name;
    entry.action = action;
    entry.target = target;
    entry.address = staff.peerAddressText();
    return entry;
}

} // namespace hb
