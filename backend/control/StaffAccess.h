#pragma once

#include "domain/Identity.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <optional>

namespace hb {

class ClientConnection;
class ConnectionDirectory;
class PostgresStore;
class ValkeySubscriber;

// Keeps disabled (or removed) staff accounts out: a staff token whose `sub` is an account id is
// refused at `hello` if that account is disabled or gone, and connections already open with one
// are closed (4001) when it is disabled.
//
// Account ids are "staff_" + a UUID (the `staff` command makes them). A staff token whose `sub`
// is not of that form was minted by an operator with the secret (`halobestie-backend token`),
// e.g. for automation: there is no account to disable, so it is admitted without asking the
// database, and it is revoked the way every token is (its `exp`, or a new secret).
//
// How a disable reaches the connections:
// - `halobestie-backend staff disable` publishes the account id on hb:staff:revoked after the
//   change is committed; every instance closes that account's connection at once.
// - Pub/sub is at-most-once, so every instance also re-checks its staff connections against
//   PostgreSQL every `recheckIntervalMs` and whenever its subscription comes back: a disable that
//   was not heard (Valkey unreachable from the command, a dropped subscription, an account
//   changed in SQL) takes effect within that interval.
// The database is only ever asked off the event loop (PostgresStore futures).
class StaffAccess : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int recheckIntervalMs = 60000;
        // A staff hello the database has not decided within this is answered `unavailable`
        // (close 1011): the store's queue may be held up by an outage, and the client must hear
        // "retry later" before its hello deadline would tell it "unauthorized".
        int decideWithinMs = 5000;
    };

    StaffAccess(Options options, PostgresStore &store, ConnectionDirectory &directory,
                ValkeySubscriber &subscriber, QObject *parent = nullptr);

    // Whether `sub` names a staff account (rather than an operator-minted token).
    static bool isAccountId(const QString &sub);
    // The channel `staff disable` publishes the account id on.
    static QByteArray revokedChannel();

    // A staff `hello` whose token is valid: accepts the connection with `welcome` (then runs
    // `admitted`) unless the token's account is disabled or removed (unauthorized, 4001). If the
    // database cannot answer, `unavailable` and close 1011, as for a password login: a disabled
    // account must not slip in while the check is impossible.
    void admit(ClientConnection *connection, const Identity &identity, const QJsonObject &welcome,
               const std::optional<QString> &ref, std::function<void(ClientConnection *)> admitted);

private:
    void closeAccount(const QString &accountId, const QString &why);
    void recheck();

    Options m_options;
    PostgresStore &m_store;
    ConnectionDirectory &m_directory;
    QTimer m_recheckTimer;
    bool m_recheckInFlight = false;
};

} // namespace hb
