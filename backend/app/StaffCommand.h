#pragma once

#include <QProcessEnvironment>
#include <QStringList>

namespace hb {

// `halobestie-backend staff add|passwd|disable|enable|list`: manages the staff accounts that sign
// in to the control center with a password (PostgreSQL, argon2id hashes). Passwords are read from
// the terminal without echo, or else from the first line of standard input; never from a flag,
// where they would show in `ps` and shell history. Every change is audited with actor `cli`.
// Uses HALOBESTIE_DATABASE_URL (or --database-url) like the server. Returns the exit code.
int runStaffCommand(const QStringList &arguments, const QProcessEnvironment &environment);

} // namespace hb
