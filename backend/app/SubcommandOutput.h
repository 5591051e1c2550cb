#pragma once

#include "protocol/AuditEntry.h"

#include <QProcessEnvironment>
#include <QString>

namespace hb {

// What every administrative subcommand (`staff`, `settings`, `token`, `migrate`, `deadletters`)
// says the same way. Exit codes: 1 = it could not do it, 2 = it was called wrongly.

// Prints "halobestie-backend <command>: <message>" on stderr; returns 1.
int subcommandFailed(const char *command, const QString &message);
// The same, followed by the command's usage text; returns 2.
int subcommandMisused(const char *command, const QString &message, const char *usage);

// An audit entry for an operator's change: the actor is the command line, named after the
// operating-system user who ran it ("cli (alice)").
AuditEntry cliAudit(const QProcessEnvironment &environment, const QString &action,
                    const QString &target);

} // namespace hb
