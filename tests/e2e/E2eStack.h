#pragma once

#include "auth/Jwt.h"
#include "backend/BackendProcess.h"
#include "backend/WsTestClient.h"
#include "postgres/PostgresServer.h"
#include "valkey/ValkeyServer.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <memory>

namespace hb::test {

// A client message: `fields` plus "type".
QJsonObject msg(const char *type, const QJsonObject &fields = {});

// The whole stack for end-to-end tests: a Valkey-compatible server and PostgreSQL started on
// loopback with throwaway data, and as many backend processes as a test wants, all sharing them.
class E2eStack
{
public:
    static constexpr const char *kSecret = "e2e-test-secret-0123456789abcdef";
    static constexpr const char *kStaffSecret = "e2e-staff-secret-0123456789abcdef";
    // What the backends of this stack accept (default issuer, audiences, leeway, lifetime).
    static JwtRules jwtRules();

    bool start(QString *error);

    // Environment for a backend; `extra` wins over the defaults (fast heartbeats for tests).
    QProcessEnvironment backendEnvironment(const QProcessEnvironment &extra = {}) const;
    std::unique_ptr<BackendProcess> startBackend(const QString &instanceId, QString *error,
                                                 const QProcessEnvironment &extra = {});

    QString mitraToken(const QString &id, const QString &name, qint64 ttlS = 3600) const;
    QString customerToken(const QString &id, const QString &name) const;
    // A staff token for the account `id`, which is made (in PostgreSQL, as `staff add` would,
    // with a password nobody knows) if it does not exist: staff tokens are admitted only for
    // real accounts. Needs a backend started (the schema). `name` defaults to `id`.
    QString staffToken(const QString &id, bool supervisor, const QString &name = QString()) const;
    // Where staffToken() makes accounts: `halobestie` unless a harness runs its backends on
    // another database (PairingHarness, per scenario).
    void setStaffAccountDatabase(const QString &database) { m_staffAccountDatabase = database; }
    // A staff token, correctly signed, whose `sub` is no account (for tests of refusals).
    QString unregisteredStaffToken(const QString &id, bool supervisor) const;

    // Apps for tests that drive sockets directly (PairingHarness has richer ones). nullptr on
    // failure.
    // A mitra connected to `url`, its initial presence read, online, heartbeating every 500 ms
    // as a healthy app does (the e2e environment times mitras out after 2 s of silence).
    std::unique_ptr<WsTestClient> onlineMitra(const QString &url, const QString &id,
                                              const QString &name = QString()) const;
    // A customer connected to `url` (welcome read).
    std::unique_ptr<WsTestClient> customer(const QString &url, const QString &id,
                                           const QString &name = QString()) const;

    // Runs `halobestie-backend ARGUMENTS...` as an operator would (e.g. `staff disable ops`)
    // with `environment`, `input` on its standard input. Returns its exit code (-1 if it did
    // not finish within a minute); what it printed in *output.
    static int runCommand(const QStringList &arguments, const QProcessEnvironment &environment,
                          const QByteArray &input = {}, QString *output = nullptr);

    // Assertions read the stores directly.
    QList<QStringList> sql(const QString &query) const;
    QByteArray valkey(const QStringList &arguments) const; // redis-cli's raw output
    // An array reply (SMEMBERS, ZRANGE, ...) as its elements; empty for an empty reply.
    QStringList valkeyList(const QStringList &arguments) const;
    // HGETALL of `key` as field -> value (empty if the key does not exist).
    QMap<QString, QString> valkeyHash(const QString &key) const;

    PostgresServer &postgres() { return m_postgres; }
    ValkeyServer &valkeyServer() { return m_valkey; }
    QString databaseUrl() const;
    QString databaseUrl(const QString &database) const;

private:
    ValkeyServer m_valkey;
    PostgresServer m_postgres;
    QString m_staffAccountDatabase = QStringLiteral("halobestie");
};

} // namespace hb::test
