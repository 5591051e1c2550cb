#pragma once

#include <QProcessEnvironment>
#include <QStringList>

namespace hb {

// `halobestie-backend settings show|set KEY VALUE|set-weight MITRA N`: changes the pairing
// settings at run time, without restarting anything. Writes PostgreSQL (the truth) and the
// copy in Valkey that every instance's next request reads. Uses the same
// HALOBESTIE_VALKEY_URL / HALOBESTIE_DATABASE_URL (or flags) as the server. Returns the exit code.
int runSettingsCommand(const QStringList &arguments, const QProcessEnvironment &environment);

} // namespace hb
