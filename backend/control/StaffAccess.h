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

// Keeps everyone but enabled staff accounts out: a staff token is admitted at `hello` only if its
// `sub` is an account (ids are "staff_" + a UUID, made by the `staff` command) that exists and
// is enabled, and connections already open with one are closed (4001) when it is disabled. There
// are no staff tokens without an account: each can be revoked by disabling its account, and the
// `token` command mints staff tokens only for an existing account.
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

    // The channel `staff disable` publishes the account id on.
    static QByteArray revokedChannel();

    // A staff `hello` whose token is valid: accepts the connection with `welcome` (then runs
    // `admitted`) unless the token's account is disabled or does not exist (unauthorized, 4001). If the
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
