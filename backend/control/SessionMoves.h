#pragma once

#include "domain/Session.h"
#include "store/postgres/PairingRecords.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace hb {

class PostgresStore;
class UserMessenger;
class ValkeyReply;

// A session staff moved to another mitra, as lib/reroute.lua's move_session reported it (both
// session.reroute and mitra.force_offline move sessions with it).
struct MovedSession
{
    Session session; // after the move: `mitra` is the new one
    QString fromMitraId;
    QString fromInstance; // where each party's socket is ('' if nowhere)
    QString toInstance;
    QString customerInstance;
    qint64 fromAssignedAtMs = 0;
    qint64 movedAtMs = 0;
    RequestRecord request;
    QString byStaff;

    // What the audit log shows of the session before and after the move.
    QJsonObject auditBefore() const;
    QJsonObject auditAfter() const;
};

// Reads move_session's reply: `fields` holds its 8 elements starting at `first`.
MovedSession movedSessionFrom(const QList<ValkeyReply> &fields, qsizetype first,
                              const QString &byStaff);

// Tells all three parties wherever they are connected (the customer `session.rerouted`, the old
// mitra `session.removed`, the new one `session.assigned` with reason rerouted) and queues the
// durable record of the move.
void announceAndRecord(const MovedSession &move, UserMessenger &messenger, PostgresStore &store);

} // namespace hb
