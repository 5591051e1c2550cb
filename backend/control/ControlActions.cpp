#include "ControlActions.h"

#include "app/WhenReady.h"
#include "SessionMoves.h"
#include "StaffAudit.h"
#include "cluster/Keys.h"
#include "cluster/UserMessenger.h"
#include "gateway/ClientConnection.h"
#include "gateway/Refusal.h"
#include "lua/LuaScripts.h"
#include "pairing/PairingService.h"
#include "protocol/ClientMessage.h"
#include "protocol/ServerMessages.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QFutureWatcher>
#include <QPointer>

namespace hb {


ControlActions::ControlActions(ValkeyClient &valkey, PostgresStore &store,
                               UserMessenger &messenger, PairingService &pairing, QObject *parent)
    : QObject(parent), m_valkey(valkey), m_store(store), m_messenger(messenger), m_pairing(pairing)
{
}

void ControlActions::setCapacity(ClientConnection *staff, const clientmsg::CapacitySet &request,
                                 const std::optional<QString> &ref)
{
    if (request.scope == CapacityScope::Global) {
        applyCapacity(staff, request, ref);
        return;
    }
    // A per-mitra capacity needs a mitra that exists: one the live state knows, or one
    // PostgreSQL has recorded. The live state first: a mitra who signed in a moment ago may not
    // have reached PostgreSQL yet (its record ships asynchronously), and it keeps working while
    // PostgreSQL is down.
    QPointer<ClientConnection> guard(staff);
    m_valkey.command({QByteArrayLiteral("EXISTS"), keys::mitra(request.mitraId)}, this,
                     [this, guard, request, ref](const ValkeyResult &result) {
                         if (!guard)
                             return;
                         if (!result.isError() && result.reply().toInteger() == 1)
                             applyCapacity(guard, request, ref);
                         else
                             applyCapacityIfRecorded(guard, request, ref);
                     });
}

void ControlActions::applyCapacityIfRecorded(ClientConnection *staff,
                                             const clientmsg::CapacitySet &request,
                                             const std::optional<QString> &ref)
{
    QPointer<ClientConnection> guard(staff);
    whenReady(
        this, m_store.mitraExists(request.mitraId),
        [this, guard, request, ref](bool exists) {
            if (!guard)
                return;
            if (!exists) {
                guard->sendError(ErrorCode::NotFound,
                                 QStringLiteral("no mitra %1").arg(request.mitraId), ref);
                return;
            }
            applyCapacity(guard, request, ref);
        },
        [guard, ref](const QString &) {
            if (guard)
                guard->sendError(ErrorCode::Unavailable,
                                 QStringLiteral("database unavailable, try again"), ref);
        });
}

void ControlActions::applyCapacity(ClientConnection *staff, const clientmsg::CapacitySet &request,
                                   const std::optional<QString> &ref)
{
    const bool global = request.scope == CapacityScope::Global;
    const QByteArray value =
        request.maxCustomers ? QByteArray::number(*request.maxCustomers) : QByteArray();
    // The global value has no target: the entry's `before`/`after` hold it alone.
    AuditEntry audit =
        staffAuditEntry(*staff, auditAction::kCapacitySet, global ? QString() : request.mitraId);
    QPointer<ClientConnection> guard(staff);
    m_valkey.eval(
        LuaScripts::instance().capacitySet, {},
        {global ? QByteArray() : request.mitraId.toUtf8(), value}, this,
        [this, guard, request, global, ref, audit](const ValkeyResult &result) mutable {
            if (result.isError()) {
                if (guard)
                    guard->sendError(ErrorCode::Unavailable,
                                     QStringLiteral("capacity store unavailable, try again"), ref);
                return;
            }
            // {at_ms, before_max, before_source, after_max, after_source, {available...}}
            const auto &e = result.reply().elements();
            // PostgreSQL is the truth: written after Valkey so both end up the same even if
            // this instance dies in between (the loader rewrites Valkey from it at start).
            if (global)
                m_store.saveGlobalMaxCustomers(request.maxCustomers);
            else
                m_store.saveMitraMaxCustomers(request.mitraId, request.maxCustomers);
            // Queued right behind the change's own durable write (see recordAudit in
            // docs/architecture.md): it lands after it, whatever the reply does.
            audit.atMs = e.value(0).toInteger();
            const auto capacity = [global](const ValkeyReply &max, const ValkeyReply &source) {
                QJsonObject o{{QStringLiteral("max_customers"), max.toInteger()}};
                if (!global)
                    o.insert(QStringLiteral("capacity_source"), source.toText());
                return o;
            };
            audit.before = capacity(e.value(1), e.value(2));
            audit.after = capacity(e.value(3), e.value(4));
            m_store.recordAudit(audit);
            if (guard)
                guard->send(withRef(global ? serverMessage::capacityUpdatedGlobal(*request.maxCustomers)
                                           : serverMessage::capacityUpdatedMitra(
                                                 request.mitraId, request.maxCustomers),
                                    ref));
            // A raised capacity frees slots: waiting requests may now be offered.
            const ValkeyReply available = e.value(5);
            for (const ValkeyReply &mitra : available.elements())
                m_pairing.mitraBecameAvailable(mitra.toText());
        });
}

void ControlActions::reroute(ClientConnection *staff, const clientmsg::SessionReroute &request,
                             const std::optional<QString> &ref)
{
    const Identity who = staff->identity();
    AuditEntry audit = staffAuditEntry(*staff, auditAction::kSessionReroute, request.sessionId);
    QPointer<ClientConnection> guard(staff);
    m_valkey.eval(
        LuaScripts::instance().sessionReroute, {},
        {request.sessionId.toUtf8(), request.toMitraId.toUtf8(), who.id.toUtf8(), QByteArray(),
         QByteArray::number(kRerouteGuardMs)},
        this, [this, guard, who, request, ref, audit](const ValkeyResult &result) mutable {
            if (result.isError()) {
                if (guard)
                    guard->sendError(ErrorCode::Unavailable,
                                     QStringLiteral("session store unavailable, try again"), ref);
                return;
            }
            const auto &e = result.reply().elements();
            const QByteArray verdict = e.value(0).toByteArray();
            if (verdict != "ok") {
                // Refused: nothing changed, so nothing is audited.
                if (guard)
                    refuseReroute(guard, request, verdict, e.value(1).toText(), ref);
                return;
            }
            // {'ok', move_session's reply...}
            const MovedSession move = movedSessionFrom(e, 1, who.id);
            if (guard)
                guard->send(withRef(serverMessage::sessionRerouted(move.session), ref));
            announceAndRecord(move, m_messenger, m_store);
            audit.atMs = move.movedAtMs;
            audit.before = move.auditBefore();
            audit.after = move.auditAfter();
            m_store.recordAudit(audit);
            // The old mitra has a free slot now.
            m_pairing.mitraBecameAvailable(move.fromMitraId);
        });
}

void ControlActions::refuseReroute(ClientConnection *staff,
                                   const clientmsg::SessionReroute &request,
                                   const QByteArray &verdict, const QString &what,
                                   const std::optional<QString> &ref)
{
    if (verdict == "not_found" && what == QLatin1String("mitra")) {
        // Valkey keeps no state for a mitra that has not been online since it (re)started;
        // PostgreSQL tells an unknown mitra from one that is simply offline.
        QPointer<ClientConnection> guard(staff);
        auto *watcher = new QFutureWatcher<bool>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [watcher, guard, request, ref] {
            watcher->deleteLater();
            if (!guard)
                return;
            bool exists = false;
            try {
                exists = watcher->result();
            } catch (const std::exception &) {
                guard->sendError(ErrorCode::Unavailable,
                                 QStringLiteral("database unavailable, try again"), ref);
                return;
            }
            if (exists)
                guard->sendError(ErrorCode::MitraOffline,
                                 QStringLiteral("mitra %1 is offline").arg(request.toMitraId), ref);
            else
                guard->sendError(ErrorCode::NotFound,
                                 QStringLiteral("no mitra %1").arg(request.toMitraId), ref);
        });
        watcher->setFuture(m_store.mitraExists(request.toMitraId));
        return;
    }
    if (verdict == "mitra_offline") {
        staff->sendError(ErrorCode::MitraOffline,
                         QStringLiteral("mitra %1 is offline").arg(request.toMitraId), ref);
    } else if (verdict == "capacity_full") {
        staff->sendError(ErrorCode::CapacityFull,
                         QStringLiteral("mitra %1 has no free slot").arg(request.toMitraId), ref);
    } else {
        const Refusal refusal{QStringLiteral("no session %1").arg(request.sessionId), QString(),
                              QStringLiteral("cannot move session %1: %2").arg(request.sessionId)};
        refusal.send(staff, verdict, what, ref);
    }
}

} // namespace hb
