#pragma once

#include "protocol/ErrorCode.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hb {

class ClientConnection;

// What to tell a client when a Lua script refused its request. Scripts answer with a verdict
// word; each maps to one protocol error code, and the caller supplies the sentences (they name
// the request or session in question). `%1` in `conflict` is replaced by the script's detail.
struct Refusal
{
    QString notFound;
    QString forbidden;
    QString conflict;

    // Sends the error for `verdict` ("not_found", "forbidden", "mitra_offline",
    // "capacity_full", anything else = conflict) to `connection`, if it still exists.
    void send(ClientConnection *connection, const QByteArray &verdict, const QString &detail,
              const std::optional<QString> &ref) const;
};

} // namespace hb
