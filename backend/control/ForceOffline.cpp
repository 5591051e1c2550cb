#include "ForceOffline.h"

#include "SessionMoves.h"
#include "StaffAudit.h"
#include "gateway/ClientConnection.h"
#include "lua/LuaScripts.h"
#include "presence/PresenceService.h"
#include "protocol/ClientMessage.h"
#include "protocol/ServerMessages.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QPointer>

namespace hb {

namespace {


QJsonObject statusObject(bool online)
{
    return {
        {QStringLiteral("status"), online ? QStringLiteral("online") : QStringLiteral("offline")}};
}

// The audit entry's `after`: the reply's content.
QJsonObject auditAfter(bool rerouteAsked, const QList<serverMessage::SessionMove> &moved,
                       const QStringList &kept)
{
    QJsonArray rerouted;
    for (const auto &m : moved)
        rerouted.append(QJsonObject{{QStringLiteral("session_id"), m.sessionId},
                                    {QStringLiteral("to_mitra_id"), m.toMitraId}});
    QJsonObject after = statusObject(false);
    after.insert(QStringLiteral("reroute_sessions"), rerouteAsked);
    after.insert(QStringLiteral("rerouted"), rerouted);
    after.insert(QStringLiteral("kept"), QJsonArray::fromStringList(kept));
    return after;
}

} // namespace

ForceOffline::ForceOffline(ValkeyClient &valkey, PostgresStore &store, UserMessenger &messenger,
                           PresenceService &presence, QObject *parent)
    : QObject(parent), m_valkey(valkey), m_store(store), m_messenger(messenger),
      m_presence(presence)
{}

void ForceOffline::forceOffline(ClientConnection *staff,
                                const clientmsg::MitraForceOffline &request,
                                const std::optional<QString> &ref)
{
    const QString staffId = staff->identity().id;
    AuditEntry audit = staffAuditEntry(*staff, auditAction::kMitraForceOffline, request.mitraId);
    QPointer<ClientConnection> guard(staff);
    m_valkey.eval(
        LuaScripts::instance().mitraForceOffline, {},
        {request.mitraId.toUtf8(), staffId.toUtf8(),
         request.rerouteSessions ? QByteArrayLiteral("1") : QByteArrayLiteral("0")},
        this, [this, guard, staffId, request, ref, audit](const ValkeyResult &result) mutable {
            if (result.isError()) {
                if (guard)
                    guard->sendError(ErrorCode::Unavailable,
                                     QStringLiteral("presence store unavailable, try again"), ref);
                return;
            }
            const auto &e = result.reply().elements();
            if (e.value(0).toByteArray() != "ok") {
                if (guard)
                    answerUnknownToValkey(guard, request, audit, ref);
                return;
            }
            // {'ok', was_online, online_since_ms, offline_at_ms, mitra_instance, {move...},
            //  {kept...}}
            const bool wasOnline = e.value(1).toInteger() == 1;
            const qint64 offlineAt = e.value(3).toInteger();
            if (wasOnline)
                m_presence.serverTookOffline(request.mitraId, e.value(2).toInteger(), offlineAt,
                                             OfflineReason::Forced, e.value(4).toText());

            QList<serverMessage::SessionMove> moved;
            const ValkeyReply moves = e.value(5);
            for (const ValkeyReply &entry : moves.elements()) {
                const MovedSession move = movedSessionFrom(entry.elements(), 0, staffId);
                announceAndRecord(move, m_messenger, m_store);
                moved.append({move.session.id, move.session.mitra.id});
            }
            QStringList kept;
            const ValkeyReply keptReply = e.value(6);
            for (const ValkeyReply &sid : keptReply.elements())
                kept.append(sid.toText());

            audit.atMs = offlineAt;
            audit.before = statusObject(wasOnline);
            audit.after = auditAfter(request.rerouteSessions, moved, kept);
            m_store.recordAudit(audit);
            if (guard)
                guard->send(withRef(
                    serverMessage::mitraForcedOffline(request.mitraId, wasOnline, moved, kept),
                    ref));
        });
}

void ForceOffline::answerUnknownToValkey(ClientConnection *staff,
                                         const clientmsg::MitraForceOffline &request,
                                         AuditEntry audit, const std::optional<QString> &ref)
{
    // Valkey has no hash for it, so it is neither online nor serving sessions: either a mitra
    // PostgreSQL knows (offline, nothing to move) or no mitra at all.
    QPointer<ClientConnection> guard(staff);
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, guard, request, audit, ref]() mutable {
                watcher->deleteLater();
                bool exists = false;
                try {
                    exists = watcher->result();
                } catch (const std::exception &) {
                    if (guard)
                        guard->sendError(ErrorCode::Unavailable,
                                         QStringLiteral("database unavailable, try again"), ref);
                    return;
                }
                if (!exists) {
                    if (guard)
                        guard->sendError(ErrorCode::NotFound,
                                         QStringLiteral("no mitra %1").arg(request.mitraId), ref);
                    return;
                }
                audit.atMs = QDateTime::currentMSecsSinceEpoch();
                audit.before = statusObject(false);
                audit.after = auditAfter(request.rerouteSessions, {}, {});
                m_store.recordAudit(audit);
                if (guard)
                    guard->send(withRef(
                        serverMessage::mitraForcedOffline(request.mitraId, false, {}, {}), ref));
            });
    watcher->setFuture(m_store.mitraExists(request.mitraId));
}

} // namespace hb
