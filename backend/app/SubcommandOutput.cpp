#include "SubcommandOutput.h"

#include <cstdio>

namespace hb {

int subcommandFailed(const char *command, const QString &message)
{
    std::fprintf(stderr, "halobestie-backend %s: %s\n", command, qPrintable(message));
    return 1;
}

int subcommandMisused(const char *command, const QString &message, const char *usage)
{
    std::fprintf(stderr, "halobestie-backend %s: %s\n%s", command, qPrintable(message), usage);
    return 2;
}

AuditEntry cliAudit(const QProcessEnvironment &environment, const QString &action,
                    const QString &target)
{
    const QString user =
        environment.value(QStringLiteral("USER"), environment.value(QStringLiteral("LOGNAME")));
    AuditEntry audit;
    audit.actorId = QStringLiteral("cli");
    audit.actorName = user.isEmpty() ? QStringLiteral("cli") : QStringLiteral("cli (%1)").arg(user);
    audit.action = action;
    audit.target = target;
    return audit;
}

} // namespace hb
