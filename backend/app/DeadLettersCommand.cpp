#include "DeadLettersCommand.h"

#include "SubcommandOutput.h"

#include "AwaitFuture.h"
#include "Config.h"
#include "SubcommandArguments.h"
#include "store/postgres/PostgresStore.h"

#include <cstdio>

namespace hb {

namespace {

const char *const kDeadLettersUsage =
    "usage: halobestie-backend deadletters list|clear [--database-url URL]\n"
    "  list   the durable-log events PostgreSQL refused for good, oldest first\n"
    "  clear  remove them all (after dealing with them); /health is ok again\n";

} // namespace

int runDeadLettersCommand(const QStringList &arguments, const QProcessEnvironment &environment)
{
    const PreparedSubcommand prepared =
        prepareSubcommand("deadletters", kDeadLettersUsage, arguments, environment);
    if (prepared.exitCode)
        return *prepared.exitCode;
    const QStringList &rest = prepared.words;
    if (rest.size() != 1 ||
        (rest.first() != QLatin1String("list") && rest.first() != QLatin1String("clear")))
        return subcommandFailed("deadletters", QStringLiteral("bad arguments\n") + QLatin1String(kDeadLettersUsage));

    QString error;
    PostgresStore store(PostgresConfig{prepared.config->databaseUrl,
                                       QStringLiteral("deadletters-cli"),
                                       prepared.config->startupTimeoutS});
    if (!awaitFuture(store.open(), &error))
        return subcommandFailed("deadletters", error);
    if (rest.first() == QLatin1String("clear")) {
        const QFuture<int> cleared = store.clearDeadLetters();
        if (!awaitFuture(cleared, &error))
            return subcommandFailed("deadletters", error);
        std::printf("%d dead letter(s) removed\n", cleared.result());
        return 0;
    }
    const QFuture<QList<DeadLetter>> letters = store.deadLetters();
    if (!awaitFuture(letters, &error))
        return subcommandFailed("deadletters", error);
    for (const DeadLetter &l : letters.result()) {
        std::printf("%s\t%s\t%s\t%s\n", qPrintable(l.eventId), qPrintable(l.eventType),
                    qPrintable(l.error), qPrintable(l.payload));
    }
    return 0;
}

} // namespace hb
