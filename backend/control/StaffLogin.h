#pragma once

#include <QObject>

#include <optional>

namespace hb {

class ClientConnection;
class PostgresStore;
namespace clientmsg {
struct Login;
}

// Staff sign-in with username and password (accounts in PostgreSQL, argon2id hashes),
// answering `welcome` with a token for reconnecting. Rate limited per account and per address;
// failures are audited.
class StaffLogin : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QByteArray jwtSecret;
        QString instanceId;
        int heartbeatIntervalS = 10;
        int heartbeatTimeoutS = 30;
    };

    StaffLogin(Options options, PostgresStore &store, QObject *parent = nullptr);

    // Answers by connection->accept(...) or connection->reject(...), possibly later.
    void login(ClientConnection *connection, const clientmsg::Login &login,
               const std::optional<QString> &ref);

private:
    Options m_options;
    PostgresStore &m_store;
};

} // namespace hb
