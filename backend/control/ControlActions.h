#pragma once

#include <QObject>

#include <optional>

namespace hb {

class ClientConnection;
class PairingService;
class PostgresStore;
class UserMessenger;
class ValkeyClient;
namespace clientmsg {
struct CapacitySet;
struct SessionReroute;
}

// What supervisors change: capacity (global and per mitra) and where a session runs (reroute).
// Each change is one atomic script in Valkey, stored durably in PostgreSQL, pushed to every
// party on whichever instance they are, and audited (who, when, before, after). Refusals change
// nothing and are not audited.
class ControlActions : public QObject
{
    Q_OBJECT
public:
    ControlActions(ValkeyClient &valkey, PostgresStore &store, UserMessenger &messenger,
                   PairingService &pairing, QObject *parent = nullptr);

    void setCapacity(ClientConnection *staff, const clientmsg::CapacitySet &request,
                     const std::optional<QString> &ref);
    void reroute(ClientConnection *staff, const clientmsg::SessionReroute &request,
                 const std::optional<QString> &ref);

    // Two staff moving the same session within this window: the second gets conflict.
    static constexpr int kRerouteGuardMs = 3000;

private:
    // The mitra is not in the live state: apply only if PostgreSQL has it (else not_found).
    void applyCapacityIfRecorded(ClientConnection *staff, const clientmsg::CapacitySet &request,
                                 const std::optional<QString> &ref);
    void applyCapacity(ClientConnection *staff, const clientmsg::CapacitySet &request,
                       const std::optional<QString> &ref);
    // Tells the staff member why session_reroute refused (verdict and detail from the script).
    void refuseReroute(ClientConnection *staff, const clientmsg::SessionReroute &request,
                       const QByteArray &verdict, const QString &what,
                       const std::optional<QString> &ref);

    ValkeyClient &m_valkey;
    PostgresStore &m_store;
    UserMessenger &m_messenger;
    PairingService &m_pairing;
};

} // namespace hb
