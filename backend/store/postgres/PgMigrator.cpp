#include "PgMigrator.h"

#include "PgConnection.h"
#include "PgTransaction.h"
#include "PgWorker.h"
#include "store/postgres/PostgresError.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>

namespace hb {

namespace {

// pg_advisory_lock key: any constant shared by every HaloBestie build ("HBMIGR" in ASCII).
constexpr long long kMigrationLockKey = 0x48424d494752LL;

const char *const kCreateLedger = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
))sql";

// Runs one statement outside any explicit transaction (session-level commands).
void execSession(PgConnection &connection, const std::string &sql)
{
    pqxx::nontransaction session(connection.raw());
    session.exec(sql);
}

} // namespace

QList<PgMigrator::Migration> PgMigrator::embedded()
{
    static const QRegularExpression fileName(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    const QDir dir(QStringLiteral(":/halobestie/postgres/migrations"));
    QList<Migration> migrations;
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QRegularExpressionMatch match = fileName.match(file);
        if (!match.hasMatch())
            throw PostgresError(QStringLiteral("badly named migration file: ") + file);
        QFile source(dir.filePath(file));
        if (!source.open(QIODevice::ReadOnly))
            throw PostgresError(QStringLiteral("cannot read migration ") + file);
        Migration migration;
        migration.version = match.captured(1).toInt();
        migration.name = file.chopped(4);
        migration.sql = source.readAll();
        if (!migrations.isEmpty() && migrations.last().version == migration.version)
            throw PostgresError(QStringLiteral("two migrations with version ") + match.captured(1));
        migrations.append(migration);
    }
    return migrations;
}

void PgMigrator::apply(PgConnection &connection)
{
    const QList<Migration> migrations = embedded();

    execSession(connection, "SELECT pg_advisory_lock(" + std::to_string(kMigrationLockKey) + ")");
    try {
        // Even CREATE TABLE IF NOT EXISTS races with itself (duplicate pg_type row), so the
        // ledger is created under the lock too.
        execSession(connection, kCreateLedger);

        QMap<int, QString> applied;
        connection.transact([&](PgTransaction &tx) {
            for (const auto &row : tx.exec("SELECT version, name FROM schema_migrations"))
                applied.insert(row[0].as<int>(), PgTransaction::text(row[1]));
        });

        for (const Migration &migration : migrations) {
            const auto done = applied.constFind(migration.version);
            if (done != applied.cend()) {
                if (done.value() != migration.name) {
                    qCWarning(lcPostgres,
                              "migration %d is recorded as \"%s\" but this build calls it "
                              "\"%s\"",
                              migration.version, qUtf8Printable(done.value()),
                              qUtf8Printable(migration.name));
                }
                continue;
            }
            connection.transact([&](PgTransaction &tx) {
                try {
                    tx.work().exec(migration.sql.toStdString());
                } catch (const pqxx::sql_error &e) {
                    throw PostgresError(QStringLiteral("migration ") + migration.name +
                                        QStringLiteral(" failed: ") +
                                        QString::fromUtf8(e.what()).simplified());
                }
                tx.exec("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                        migration.version, migration.name);
            });
            qCInfo(lcPostgres, "applied migration %s", qUtf8Printable(migration.name));
        }

        const int newestKnown = migrations.isEmpty() ? 0 : migrations.last().version;
        if (!applied.isEmpty() && applied.lastKey() > newestKnown) {
            qCWarning(lcPostgres,
                      "the database schema is newer than this build (version %d, newest known "
                      "%d); continuing",
                      applied.lastKey(), newestKnown);
        }
    } catch (...) {
        // If the connection broke the lock went with the session; otherwise release it so other
        // instances are not stuck behind a failed migration.
        try {
            execSession(connection,
                        "SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")");
        } catch (...) {
        }
        throw;
    }
    execSession(connection, "SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")");
}

} // namespace hb
