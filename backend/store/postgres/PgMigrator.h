#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hb {

class PgConnection;

// Brings the schema up to date from the migrations embedded as Qt resources
// (:/halobestie/postgres/migrations/NNNN_name.sql). Each runs once, in its own transaction
// together with its schema_migrations row, under a session-level advisory lock so instances
// starting together on a fresh database take turns instead of racing.
class PgMigrator
{
public:
    struct Migration
    {
        int version = 0;
        QString name; // "0001_initial"
        QByteArray sql;
    };

    // The embedded migrations in version order. Throws PostgresError on a badly named file or a
    // duplicate version (a build mistake, not a runtime condition).
    static QList<Migration> embedded();

    // Applies what is missing. Throws on failure (the failing migration is rolled back). A
    // database that has versions this build does not know is logged and accepted: an older
    // instance may run next to a newer one during a rolling upgrade.
    static void apply(PgConnection &connection);
};

} // namespace hb
