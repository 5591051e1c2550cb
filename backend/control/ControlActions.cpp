#include "ControlActions.h"

#include "cluster/UserMessenger.h"
#include "gateway/ClientConnection.h"
#include "gateway/Refusal.h"
#include "lua/LuaScripts.h"
#include "pairing/PairingService.h"
#include "pairing/RequestInfo.h"
#include "protocol/ClientMessage.h"
#include "protocol/ServerMessages.h"
#include "store/postgres/PairingRecords.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QFutureWatcher>
#include <QPointer>

namespace hb {

namespace {

QString text(const ValkeyReply &r)
{
    return QString::fromUtf8(r.toByteArray());
}

} // namespace

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
    // A per-mitra capacity needs a mitra that exists (PostgreSQL knows every mitra ever seen).
    QPointer<ClientConnection> guard(staff);
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, guard, request, ref] {
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
        if (!guard)
            return;
        if (!exists) {
            guard->sendError(ErrorCode::NotFound, QStringLiteral("no mitra %1").arg(request.mitraId),
                             ref);
            return;
        }
        applyCapacity(guard, request, ref);
    });
    watcher->setFuture(m_store.mitraExists(request.mitraId));
}

void ControlActions::applyCapacity(ClientConnection *staff, const clientmsg::CapacitySet &request,
                                   const std::optional<QString> &ref)
{
    const bool global = request.scope == CapacityScope::Global;
    const QByteArray value =
        request.maxCustomers ? QByteArray::number(*request.maxCustomers) : QByteArray();
    QPointer<ClientConnection> guard(staff);
    m_valkey.eval(
        LuaScripts::instance().capacitySet, {},
        {global ? QByteArray() : request.mitraId.toUtf8(), value}, this,
        [this, guard, request, global, ref](const ValkeyResult &result) {
            if (result.isError()) {
                if (guard)
                    guard->sendError(ErrorCode::Unavailable,
                                     QStringLiteral("capacity store unavailable, try again"), ref);
                return;
            }
            // PostgreSQL is the truth: written after Valkey so both end up the same even if
            // this instance dies in between (the loader rewrites Valkey from it at start).
            if (global)
                m_store.saveGlobalMaxCustomers(request.maxCustomers);
            else
                m_store.saveMitraMaxCustomers(request.mitraId, request.maxCustomers);
            // TODO(issue 4): audit entry (before = reply[0], after = the new value).
            if (guard)
                guard->send(withRef(global ? serverMessage::capacityUpdatedGlobal(*request.maxCustomers)
                                           : serverMessage::capacityUpdatedMitra(
                                                 request.mitraId, request.maxCustomers),
                                    ref));
            // A raised capacity frees slots: waiting requests may now be offered.
            const auto &e = result.reply().elements();
            for (qsizetype i = 1; i < e.size(); ++i)
                m_pairing.mitraBecameAvailable(text(e.at(i)));
        });
}

void ControlActions::reroute(ClientConnection *staff, const clientmsg::SessionReroute &request,
                             const std::optional<QString> &ref)
{
    const Identity who = staff->identity();
    QPointer<ClientConnection> guard(staff);
    m_valkey.eval(
        LuaScripts::instance().sessionReroute, {},
        {request.sessionId.toUtf8(), request.toMitraId.toUtf8(), who.id.toUtf8(), QByteArray(),
         QByteArray::number(kRerouteGuardMs)},
        this, [this, guard, who, request, ref](const ValkeyResult &result) {
            if (result.isError()) {
                if (guard)
                    guard->sendError(ErrorCode::Unavailable,
                                     QStringLiteral("session store unavailable, try again"), ref);
                return;
            }
            const auto &e = result.reply().elements();
            const QByteArray verdict = e.value(0).toByteArray();
            if (verdict != "ok") {
                if (!guard)
                    return;
                const QString what = text(e.value(1));
                const Refusal refusal{
                    what == QLatin1String("mitra")
                        ? QStringLiteral("no mitra %1").arg(request.toMitraId)
                        : QStringLiteral("no session %1").arg(request.sessionId),
                    QString(), QStringLiteral("cannot move session %1: %2").arg(request.sessionId)};
                if (verdict == "mitra_offline")
                    guard->sendError(ErrorCode::MitraOffline,
                                     QStringLiteral("mitra %1 is offline").arg(request.toMitraId),
                                     ref);
                else if (verdict == "capacity_full")
                    guard->sendError(ErrorCode::CapacityFull,
                                     QStringLiteral("mitra %1 has no free slot").arg(request.toMitraId),
                                     ref);
                else
                    refusal.send(guard, verdict, what, ref);
                return;
            }
            // {'ok', rerouted_ms, from, from_instance, from_assigned_ms, to_instance,
            //  customer_instance, request_info, {'session', fields...}}
            const qint64 at = e.value(1).toInteger();
            const QString from = text(e.value(2));
            const ValkeyReply entry = e.value(8); // value() returns a copy: keep it alive
            const auto &f = entry.elements();
            Session session;
            session.id = text(f.value(1));
            session.requestId = text(f.value(2));
            session.customer = Party{text(f.value(3)), text(f.value(4))};
            session.mitra = Party{text(f.value(5)), text(f.value(6))};
            session.state =
                sessionStateFromString(text(f.value(7))).value_or(SessionState::Active);
            session.startedAtMs = f.value(8).toInteger();

            if (guard)
                guard->send(withRef(serverMessage::sessionRerouted(session), ref));
            m_messenger.deliver(session.customer.id, text(e.value(6)),
                                {serverMessage::sessionRerouted(session)});
            m_messenger.deliver(from, text(e.value(3)), {serverMessage::sessionRemoved(session.id)});
            m_messenger.deliver(session.mitra.id, text(e.value(5)),
                                {serverMessage::sessionAssigned(session, QStringLiteral("rerouted"))});

            RerouteRecord record;
            record.request = requestRecordFrom(e.value(7));
            record.session.id = session.id;
            record.session.requestId = session.requestId;
            record.session.customerId = session.customer.id;
            record.session.customerName = session.customer.name;
            record.session.mitraId = from;
            record.session.acceptedAtMs = session.startedAtMs;
            record.fromAssignedAtMs = e.value(4).toInteger();
            record.toMitraId = session.mitra.id;
            record.toMitraName = session.mitra.name;
            record.reroutedAtMs = at;
            record.byStaff = who.id;
            m_store.recordReroute(record);
            // TODO(issue 4): audit entry.
            // The old mitra has a free slot now.
            m_pairing.mitraBecameAvailable(from);
        });
}

} // namespace hb
