#include "StaffQueries.h"

#include "gateway/ClientConnection.h"
#include "protocol/ClientMessage.h"

namespace hb {

StaffQueries::StaffQueries(ValkeyClient &valkey, ValkeySubscriber &subscriber,
                           PostgresStore &store, QObject *parent)
    : QObject(parent), m_valkey(valkey), m_subscriber(subscriber), m_store(store)
{
}

// TODO(issue 4): stats, lists and history.
void StaffQueries::notYet(ClientConnection *connection, const std::optional<QString> &ref)
{
    connection->sendError(ErrorCode::Unavailable,
                          QStringLiteral("not available on this server yet"), ref);
}

void StaffQueries::subscribeStats(ClientConnection *connection, const std::optional<QString> &ref)
{
    notYet(connection, ref);
}

void StaffQueries::listSessions(ClientConnection *connection, const std::optional<QString> &ref)
{
    notYet(connection, ref);
}

void StaffQueries::listRequests(ClientConnection *connection, const std::optional<QString> &ref)
{
    notYet(connection, ref);
}

void StaffQueries::presenceHistory(ClientConnection *connection,
                                   const clientmsg::PresenceHistory &,
                                   const std::optional<QString> &ref)
{
    notYet(connection, ref);
}

} // namespace hb
