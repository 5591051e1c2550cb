#pragma once

#include <QProcessEnvironment>
#include <QStringList>

namespace hb {

// `halobestie-backend token --role mitra --sub m-1 --name Sari`: mints an HS256 token with the
// server's secret so anyone can try the protocol with any WebSocket client. Prints the token on
// stdout; returns the process exit code.
int runTokenCommand(const QStringList &arguments, const QProcessEnvironment &environment);

} // namespace hb
