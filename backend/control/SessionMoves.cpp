#include "SessionMoves.h"

#include "cluster/UserMessenger.h"
#include "pairing/RequestInfo.h"
#include "protocol/ServerMessages.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyReply.h"

namespace hb {


QJsonObject MovedSession::auditBefore() const
{
    return {{QStringLiteral("mitra_id"), fromMitraId},
            {QStringLiteral("state"), toString(session.state)}};
}

QJsonObject MovedSession::auditAfter() const
{
    // A move never changes the state (docs/protocol.md, SESSION).
    return {{QStringLiteral("mitra_id"), session.mitra.id},
            {QStringLiteral("state"), toString(session.state)}};
}

MovedSession movedSessionFrom(const QList<ValkeyReply> &e, qsizetype first, const QString &byStaff)
{
    // {rerouted_ms, from, from_instance, from_assigned_ms, to_instance, customer_instance,
    //  request_info, {'session', id, request, customer, customer_name, mitra, mitra_name, state,
    //  created}}
    MovedSession move;
    move.movedAtMs = e.value(first).toInteger();
    move.fromMitraId = e.value(first + 1).toText();
    move.fromInstance = e.value(first + 2).toText();
    move.fromAssignedAtMs = e.value(first + 3).toInteger();
    move.toInstance = e.value(first + 4).toText();
    move.customerInstance = e.value(first + 5).toText();
    move.request = requestRecordFrom(e.value(first + 6));
    const ValkeyReply entry = e.value(first + 7); // value() returns a copy: keep it alive
    const auto &f = entry.elements();
    move.session.id = f.value(1).toText();
    move.session.requestId = f.value(2).toText();
    move.session.customer = Party{f.value(3).toText(), f.value(4).toText()};
    move.session.mitra = Party{f.value(5).toText(), f.value(6).toText()};
    move.session.state = sessionStateFromString(f.value(7).toText()).value_or(SessionState::Active);
    move.session.startedAtMs = f.value(8).toInteger();
    move.byStaff = byStaff;
    return move;
}

void announceAndRecord(const MovedSession &move, UserMessenger &messenger, PostgresStore &store)
{
    const Session &session = move.session;
    messenger.deliver(Role::Customer, session.customer.id, move.customerInstance,
                      {serverMessage::sessionRerouted(session)});
    messenger.deliver(Role::Mitra, move.fromMitraId, move.fromInstance,
                      {serverMessage::sessionRemoved(session.id)});
    messenger.deliver(Role::Mitra, session.mitra.id, move.toInstance,
                      {serverMessage::sessionAssigned(session, QStringLiteral("rerouted"))});

    RerouteRecord record;
    record.request = move.request;
    record.session.id = session.id;
    record.session.requestId = session.requestId;
    record.session.customerId = session.customer.id;
    record.session.customerName = session.customer.name;
    record.session.mitraId = move.fromMitraId;
    record.session.acceptedAtMs = session.startedAtMs;
    record.fromAssignedAtMs = move.fromAssignedAtMs;
    record.toMitraId = session.mitra.id;
    record.toMitraName = session.mitra.name;
    record.reroutedAtMs = move.movedAtMs;
    record.byStaff = move.byStaff;
    store.recordReroute(record);
}

} // namespace hb
