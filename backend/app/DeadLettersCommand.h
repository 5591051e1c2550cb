#pragma once

#include <QProcessEnvironment>
#include <QStringList>

namespace hb {

// `halobestie-backend deadletters list|clear`: the durable-log events PostgreSQL refused for good
// (outbox_dead_letters). `list` prints them (id, type, error, payload), one per line; `clear`
// removes them once staff have dealt with them, which ends /health's `degraded`. Uses the same
// HALOBESTIE_DATABASE_URL (or flag) as the server. Returns the exit code.
int runDeadLettersCommand(const QStringList &arguments, const QProcessEnvironment &environment);

} // namespace hb
