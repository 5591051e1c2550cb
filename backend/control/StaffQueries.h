#pragma once

#include <QObject>

#include <optional>

namespace hb {

class ClientConnection;
class PostgresStore;
class ValkeyClient;
class ValkeySubscriber;
namespace clientmsg {
struct PresenceHistory;
}

// What staff watch: live stats (snapshot, then coalesced pushes on every change, the same on
// every instance), open sessions, open requests, a mitra's presence history.
class StaffQueries : public QObject
{
    Q_OBJECT
public:
    StaffQueries(ValkeyClient &valkey, ValkeySubscriber &subscriber, PostgresStore &store,
                 QObject *parent = nullptr);

    void subscribeStats(ClientConnection *connection, const std::optional<QString> &ref);
    void listSessions(ClientConnection *connection, const std::optional<QString> &ref);
    void listRequests(ClientConnection *connection, const std::optional<QString> &ref);
    void presenceHistory(ClientConnection *connection, const clientmsg::PresenceHistory &query,
                         const std::optional<QString> &ref);

private:
    void notYet(ClientConnection *connection, const std::optional<QString> &ref);

    ValkeyClient &m_valkey;
    ValkeySubscriber &m_subscriber;
    PostgresStore &m_store;
};

} // namespace hb
