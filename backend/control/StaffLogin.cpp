#include "StaffLogin.h"

#include "gateway/ClientConnection.h"
#include "protocol/ClientMessage.h"

namespace hb {

StaffLogin::StaffLogin(Options options, PostgresStore &store, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_store(store)
{
}

void StaffLogin::login(ClientConnection *connection, const clientmsg::Login &,
                       const std::optional<QString> &ref)
{
    // TODO(issue 4): staff accounts. Until then staff sign in with a token.
    connection->reject(QStringLiteral("password login is not enabled on this server yet: "
                                      "sign in with a staff token"),
                       ref);
}

} // namespace hb
