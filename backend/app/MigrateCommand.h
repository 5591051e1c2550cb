#pragma once

#include <QProcessEnvironment>
#include <QStringList>

namespace hb {

// `halobestie-backend migrate`: brings the PostgreSQL schema up to date with this build's
// embedded migrations and exits. The upgrade step of the packages (docs/packaging.md): run it
// once, as the service user with the service's environment, before restarting the instances,
// so no instance stalls on a long migration at start-up. Uses HALOBESTIE_DATABASE_URL (or
// --database-url). Returns the exit code.
int runMigrateCommand(const QStringList &arguments, const QProcessEnvironment &environment);

} // namespace hb
