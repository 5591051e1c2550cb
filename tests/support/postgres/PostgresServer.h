#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <memory>

class QProcess;
class QTemporaryDir;

namespace hb::test {

// A throwaway PostgreSQL server for integration tests: initdb into a fresh private directory
// (under testTempRoot(), or under the system temp dir when the server runs as another user who
// could not reach the former), then `postgres` on 127.0.0.1 and a free port, trust authentication, user
// `postgres`, durability switched off. When the tests run as root the server runs as the
// `postgres` system user (PostgreSQL refuses root).
//
// The postmaster is a direct child (QProcess): privileges are dropped in the forked child
// rather than through runuser, whose watching parent would swallow SIGKILL and leave the server
// running. It is told to quit if the test process dies. The destructor stops the server and
// deletes its data.
//
// Not thread-safe; everything here is synchronous (tests may block, the code under test not).
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();

    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    // First call: initdb and start. Later calls: start again on the same port and data
    // directory (after stop() or kill()). Waits up to 30 s until connections are accepted.
    // On failure `error` says why, with the server's log.
    bool start(QString *error);
    // Fast shutdown (SIGINT: sessions are terminated, then a clean stop). Blocks until gone.
    void stop();
    // SIGKILL to the postmaster and all its children at once: a crash, for fault tests.
    void kill();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    // postgresql://postgres@127.0.0.1:<port>/<db>
    QString url(const QString &database = QStringLiteral("postgres")) const;

    bool createDatabase(const QString &name, QString *error);
    // Runs `sql` (autocommit) and returns the rows; NULL comes back as a null QString (which
    // compares equal to ""; test with IS NULL in SQL where it matters). On failure returns {}
    // and fills `error`, or aborts the test run if `error` is null.
    QList<QStringList> query(const QString &database, const QString &sql,
                             QString *error = nullptr) const;

    QString serverLog() const;
    // The cluster's data directory (empty before the first start).
    QString dataDirectory() const;

private:
    bool initialize(QString *error);
    bool runInitdb(QString *error);
    bool waitUntilReady(QString *error);
    void prepareProcess(QProcess &process) const;

    QString m_binDir;
    quint16 m_port = 0;
    std::unique_ptr<QTemporaryDir> m_baseDir;   // data/ and server.log
    std::unique_ptr<QTemporaryDir> m_socketDir; // short path: Unix socket names are limited
    std::unique_ptr<QProcess> m_process;
    bool m_initialized = false;
    bool m_asPostgresUser = false;
    uint m_uid = 0;
    uint m_gid = 0;
};

} // namespace hb::test
