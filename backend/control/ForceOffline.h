#pragma once

#include "protocol/AuditEntry.h"

#include <QObject>
#include <QString>
#include <optional>

namespace hb {

class ClientConnection;
class PostgresStore;
class PresenceService;
class UserMessenger;
class ValkeyClient;
namespace clientmsg {
struct MitraForceOffline;
}

// mitra.force_offline: a supervisor takes a mitra offline (reason forced), optionally moving its
// open sessions to the least loaded mitras that can take them.
//
// One Lua script (mitra_force_offline) makes the whole decision atomically: the offline
// transition, the rotation, and each move exactly as session.reroute makes it. Afterwards, as
// after any server-made offline, PresenceService logs the interval's end (reason forced),
// pushes `presence` to the mitra's app wherever it is connected and has its open offers closed;
// each moved session's three parties are told and the move is logged; the action is audited.
class ForceOffline : public QObject
{
    Q_OBJECT
public:
    ForceOffline(ValkeyClient &valkey, PostgresStore &store, UserMessenger &messenger,
                 PresenceService &presence, QObject *parent = nullptr);

    void forceOffline(ClientConnection *staff, const clientmsg::MitraForceOffline &request,
                      const std::optional<QString> &ref);

private:
    // Valkey does not know the mitra: PostgreSQL says whether it exists at all (offline, with
    // nothing to move) or the request is not_found.
    void answerUnknownToValkey(ClientConnection *staff, const clientmsg::MitraForceOffline &request,
                               AuditEntry audit, const std::optional<QString> &ref);

    ValkeyClient &m_valkey;
    PostgresStore &m_store;
    UserMessenger &m_messenger;
    PresenceService &m_presence;
};

} // namespace hb
