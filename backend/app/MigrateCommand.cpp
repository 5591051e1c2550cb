#include "MigrateCommand.h"

#include "SubcommandOutput.h"

#include "AwaitFuture.h"
#include "Config.h"
#include "store/postgres/PostgresStore.h"

#include <cstdio>

namespace hb {

namespace {

const char *kMigrateUsage =
    "Usage: halobestie-backend migrate [--database-url URL] [--config FILE]\n"
    "Applies the PostgreSQL migrations this version needs, then exits (0 when the schema is up\n"
    "to date). Safe to run while other instances run: migrations take an advisory lock.\n";

} // namespace

int runMigrateCommand(const QStringList &arguments, const QProcessEnvironment &environment)
{
    if (arguments.contains(QLatin1String("-h")) || arguments.contains(QLatin1String("--help"))) {
        std::fputs(kMigrateUsage, stdout);
        return 0;
    }
    const ConfigResult parsed = parseConfig(arguments, environment, ConfigUse::StoresOnly);
    if (!parsed.config)
        return subcommandFailed("migrate", parsed.error);
    const Config &config = *parsed.config;

    // Opening the store applies what is missing (PgMigrator), under the same lock and in the
    // same transactions as a starting server would.
    PostgresStore store(
        PostgresConfig{config.databaseUrl, QStringLiteral("migrate-cli"), config.startupTimeoutS});
    QString error;
    if (!awaitFuture(store.open(), &error))
        return subcommandFailed("migrate", error);
    store.close();
    std::printf("halobestie-backend migrate: schema up to date\n");
    return 0;
}

} // namespace hb
