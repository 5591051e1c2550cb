#pragma once

#include "ClientMessage.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace hb {

// The JSON of a client message, as the control center, the simulator and test clients send it.
// The inverse of parseClientMessage(): parsing the result gives the same message back. The
// `type` written is the payload's, so a message whose `type` disagrees cannot be produced.
QJsonObject toJson(const ClientMessage &message);

// Staff messages added beyond v1 (docs/protocol.md) that the server's parser does not decode
// into ClientMessage yet; written here so every client builds them the same way.
// mitra.force_offline: `reroute_sessions` also moves the mitra's open sessions elsewhere.
QJsonObject mitraForceOfflineJson(const QString &id, const QString &mitraId, bool rerouteSessions);
// audit.list: every filter optional; `limit` 1..1000, `beforeId` for the next (older) page.
QJsonObject auditListJson(const QString &id, std::optional<int> limit,
                          std::optional<qint64> beforeId, const QString &action = QString());

} // namespace hb
