#pragma once

#include "auth/Jwt.h"
#include "control/LoginRateLimiter.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>
#include <optional>

namespace hb {

class ClientConnection;
class PasswordHasher;
class PostgresStore;
struct StaffAccountRecord;
namespace clientmsg {
struct Login;
}

// Staff sign-in with username and password (accounts in PostgreSQL, argon2id hashes),
// answering `welcome` with a token for reconnecting. Rate limited per account and per address;
// failures are audited.
//
// Every failure (unknown username, wrong password, disabled account) gets the same answer, in
// about the same time, so nobody learns which usernames exist. Passwords are checked on the
// PasswordHasher's own threads, never on the event loop.
class StaffLogin : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        JwtRules jwt; // the `token` in welcome: signed with the staff key, the staff audience
        QString instanceId;
        int heartbeatIntervalS = 10;
        int heartbeatTimeoutS = 30;
        qint64 tokenTtlS = 12 * 3600; // capped at jwt.maxLifetimeS
        LoginRateLimiter::Limits limits{};
        // Password checks queued or running beyond which new sign-ins are turned away at once:
        // a flood must not queue unbounded work (each check takes ~100 ms and 64 MiB).
        int maxPendingChecks = 32;
    };

    // What a failed sign-in is told, whatever the reason.
    static constexpr const char *kFailureMessage = "invalid username or password";

    StaffLogin(Options options, PostgresStore &store, QObject *parent = nullptr);
    ~StaffLogin() override;

    // Answers by connection->accept(...) or connection->reject(...), possibly later.
    void login(ClientConnection *connection, const clientmsg::Login &login,
               const std::optional<QString> &ref);

signals:
    // A staff member signed in on `connection` (just after its `welcome`), as a hello would
    // have: e.g. to claim the connection in the ConnectionDirectory.
    void signedIn(hb::ClientConnection *connection);

private:
    // One sign-in in flight.
    struct Attempt
    {
        QPointer<ClientConnection> client;
        std::optional<QString> ref;
        QString username;   // folded to lower case, as accounts are stored
        QString limiterKey; // the address as LoginRateLimiter counts it
        QString address;    // the client's address, for the audit log
    };

    void checkPassword(const Attempt &attempt, const std::optional<StaffAccountRecord> &account,
                       const QString &password);
    void succeed(const Attempt &attempt, const StaffAccountRecord &account);
    void fail(const Attempt &attempt, const QString &reason);
    void refuseAfterDelay(const Attempt &attempt, const QString &why);

    Options m_options;
    PostgresStore &m_store;
    std::unique_ptr<PasswordHasher> m_hasher;
    LoginRateLimiter m_limiter;
};

} // namespace hb
