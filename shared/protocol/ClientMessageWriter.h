#pragma once

#include "ClientMessage.h"

#include <QJsonObject>

namespace hb {

// The JSON of a client message, as the control center, the simulator and test clients send it.
// The inverse of parseClientMessage(): parsing the result gives the same message back. The
// `type` written is the payload's, so a message whose `type` disagrees cannot be produced.
QJsonObject toJson(const ClientMessage &message);

// One function per message a staff tool (the control center) sends, each toJson() of the typed
// message, so a caller cannot misspell a type or a field. `id` becomes the message's "id" (the
// server echoes it as "ref"). Mitra and customer messages are written with toJson() directly.
namespace clientMessage {

QJsonObject hello(const QString &token, const std::optional<QString> &id = std::nullopt);
QJsonObject login(const QString &username, const QString &password,
                  const std::optional<QString> &id = std::nullopt);
QJsonObject heartbeat(const std::optional<QString> &id = std::nullopt);

// What staff watch.
QJsonObject statsSubscribe(const std::optional<QString> &id = std::nullopt);
QJsonObject sessionsList(const std::optional<QString> &id = std::nullopt);
QJsonObject requestsList(const std::optional<QString> &id = std::nullopt);
QJsonObject presenceHistory(const QString &mitraId, qint64 fromMs, qint64 toMs,
                            const std::optional<QString> &id = std::nullopt);
QJsonObject auditList(const clientmsg::AuditList &query = {},
                      const std::optional<QString> &id = std::nullopt);

// What supervisors change.
QJsonObject capacitySetGlobal(int maxCustomers, const std::optional<QString> &id = std::nullopt);
// `maxCustomers` empty: the mitra follows the global value again.
QJsonObject capacitySetMitra(const QString &mitraId, std::optional<int> maxCustomers,
                             const std::optional<QString> &id = std::nullopt);
QJsonObject sessionReroute(const QString &sessionId, const QString &toMitraId,
                           const std::optional<QString> &id = std::nullopt);
QJsonObject mitraForceOffline(const QString &mitraId, bool rerouteSessions,
                              const std::optional<QString> &id = std::nullopt);

} // namespace clientMessage

} // namespace hb
