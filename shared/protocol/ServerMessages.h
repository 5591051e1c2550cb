#pragma once

#include "AuditEntry.h"
#include "ErrorCode.h"
#include "Reasons.h"
#include "RequestSummary.h"
#include "StatsSnapshot.h"
#include "domain/Identity.h"
#include "domain/Presence.h"
#include "domain/PresenceInterval.h"
#include "domain/Session.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <optional>

namespace hb {

// Adds `"ref": ref` to a direct reply when the client's message had an id; unchanged otherwise.
QJsonObject withRef(QJsonObject message, const std::optional<QString> &ref);

// One text frame: compact JSON, UTF-8.
QByteArray encode(const QJsonObject &message);

// Builders for every server-to-client message of protocol v1 (plus the documented additions).
// Field names and formats are the contract's; times are written with isoTime(). Each returns
// the message without `ref`: use withRef() for direct replies.
namespace serverMessage {

QJsonObject error(ErrorCode code, const QString &message,
                  const std::optional<QString> &ref = std::nullopt);
// `conflict` for a second pairing.request, carrying the open request's id.
QJsonObject openRequestConflict(const QString &openRequestId,
                                const std::optional<QString> &ref = std::nullopt);

// `token` only for staff password logins; `serverInstance` (an addition to v1) is left out when
// empty. Staff also get `staff_role` (an addition to v1), so the control center knows whether
// to offer changes.
QJsonObject welcome(const Identity &identity, qint64 serverTimeMs, int heartbeatIntervalS,
                    int heartbeatTimeoutS, const std::optional<QString> &token = std::nullopt,
                    const QString &serverInstance = QString());

// `reason` only when the server (not the mitra) changed the status.
QJsonObject presence(PresenceStatus status, qint64 sinceMs,
                     std::optional<OfflineReason> reason = std::nullopt);
QJsonObject heartbeatAck(qint64 serverTimeMs);

// Mitra side.
QJsonObject offer(const QString &requestId, const Party &customer, qint64 expiresAtMs);
QJsonObject offerClosed(const QString &requestId, OfferClosedReason reason);
// `reason` e.g. "rerouted" when the session was moved to this mitra by staff.
QJsonObject sessionAssigned(const Session &session,
                            const std::optional<QString> &reason = std::nullopt);
QJsonObject sessionRemoved(const QString &sessionId,
                           const QString &reason = QStringLiteral("rerouted"));

// Both sides.
QJsonObject sessionEnded(const QString &sessionId, SessionEndReason reason);

// Customer side.
QJsonObject pairingSearching(const QString &requestId, qint64 expiresAtMs);
QJsonObject pairingFound(const QString &requestId, const Party &bestie);
QJsonObject sessionAwaitingPayment(const Session &session);
QJsonObject sessionStarted(const Session &session);
QJsonObject pairingCancelled(const QString &requestId);
QJsonObject pairingFailed(const QString &requestId, PairingFailedReason reason);
// Also the staff's reply to session.reroute.
QJsonObject sessionRerouted(const Session &session);

// Staff side.
QJsonObject stats(const StatsSnapshot &snapshot);
QJsonObject capacityUpdatedGlobal(int maxCustomers);
// `maxCustomers` empty: the mitra follows the global value again (sent as null).
QJsonObject capacityUpdatedMitra(const QString &mitraId, std::optional<int> maxCustomers);
QJsonObject sessions(const QList<Session> &openSessions);
QJsonObject requests(const QList<RequestSummary> &openRequests);
QJsonObject presenceHistory(const QString &mitraId, const QList<PresenceInterval> &intervals);

// The reply to mitra.force_offline (an addition to v1): which open sessions moved where, and
// which stayed with the mitra (every open session is in one of the two lists).
struct SessionMove
{
    QString sessionId;
    QString toMitraId;
    friend bool operator==(const SessionMove &, const SessionMove &) = default;
};
QJsonObject mitraForcedOffline(const QString &mitraId, bool wasOnline,
                               const QList<SessionMove> &rerouted, const QStringList &kept);
// A page of the audit log (an addition to v1), newest first; `more`: older entries exist.
QJsonObject audit(const QList<AuditEntry> &entries, bool more);

} // namespace serverMessage

} // namespace hb
