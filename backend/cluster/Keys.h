#pragma once

#include "domain/Role.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The Valkey key schema, in one place. Everything live that instances must agree on:
//
//   hb:mitra:<id>             HASH  status (online|offline), since (ms), last_hb (ms),
//                                   instance (last instance to hear from it), reason (last
//                                   offline reason), name (display name, for staff)
//   hb:presence:online        ZSET  online mitra ids scored by last heartbeat (ms): "who is
//                                   online" is ZRANGE, "whose heartbeats stopped" is a range
//                                   query, neither scans every mitra
//   hb:instance:<inst>:mitras SET   mitras last heard from through this instance (shutdown)
//   hb:conn:<role>:<user>     STRING "instance|connection" of the user's live connection; a user
//                                   is role + id (a mitra and a customer may share an id), so
//                                   <role> is mitra, customer or staff (Lua: instance_of)
//   hb:bus:<inst>             pub/sub channel of events for one instance
//   hb:stats:changed          pub/sub channel: something staff see in `stats` changed (published
//                             by the Lua scripts that change it, so every instance hears it)
//   hb:outbox                 STREAM the durable event log (transactional outbox): every script that
//                             decides something PostgreSQL must record XADDs its event here in
//                             the same atomic step (lua/lib/outbox.lua); every instance's
//                             EventShipper (backend/durable) drains it through the consumer group
//                             below, then XACKs and XDELs. Never trimmed: the backlog is unshipped
//                             work. Passed to the scripts as KEYS[1].
//   group "shippers"          the consumer group of hb:outbox; consumers are instance ids
//   hb:session:<id>           HASH  one session (offer_accept.lua writes it); among its fields
//                                   payment_deadline (ms): past it, a session still awaiting
//                                   payment is ended with payment_failed by any instance
//   hb:sessions:payment_deadlines  ZSET  ids of sessions awaiting payment, scored by their
//                                   payment_deadline, so the sweep (payment_fail.lua) reads only
//                                   the overdue ones. Passed to the session scripts as KEYS[2].
//   hb:followups              ZSET  follow-ups a decision still owes (lua/lib/followup.lua): each
//                                   member is JSON [kind, session id, extra] ('accept' with the
//                                   mitras whose offers were taken, 'end' with the reason),
//                                   scored by when it falls due (the decision + a grace); the
//                                   deciding instance removes it once done, else any instance's
//                                   FollowUpSweeper claims it (followups_claim.lua) and does it.
//                                   Passed to the session scripts as KEYS[3].
//   hb:staff:revoked          pub/sub channel: a staff account id was disabled (published by
//                             `halobestie-backend staff disable`; control/StaffAccess)
namespace hb::keys {

inline QByteArray mitraPrefix() { return QByteArrayLiteral("hb:mitra:"); }
inline QByteArray mitra(const QString &id) { return mitraPrefix() + id.toUtf8(); }
inline QByteArray onlineMitras() { return QByteArrayLiteral("hb:presence:online"); }
inline QByteArray instanceMitras(const QString &instance)
{
    return QByteArrayLiteral("hb:instance:") + instance.toUtf8() + QByteArrayLiteral(":mitras");
}
// A user everywhere a user is named by one string (the directory, bus events): "<role>:<id>".
inline QString userKey(Role role, const QString &userId)
{
    return toString(role) + QLatin1Char(':') + userId;
}
inline QByteArray connection(Role role, const QString &userId)
{
    return QByteArrayLiteral("hb:conn:") + userKey(role, userId).toUtf8();
}
inline QByteArray busChannel(const QString &instance)
{
    return QByteArrayLiteral("hb:bus:") + instance.toUtf8();
}
inline QByteArray statsChangedChannel() { return QByteArrayLiteral("hb:stats:changed"); }
inline QByteArray outboxStream() { return QByteArrayLiteral("hb:outbox"); }
inline QByteArray outboxGroup() { return QByteArrayLiteral("shippers"); }
inline QByteArray paymentDeadlines() { return QByteArrayLiteral("hb:sessions:payment_deadlines"); }
inline QByteArray followUps() { return QByteArrayLiteral("hb:followups"); }
// KEYS of the scripts that create, start or end sessions (offer_accept, session_start,
// session_end, payment_fail): the outbox they record to, the payment deadlines they keep and
// the follow-ups they owe.
inline QList<QByteArray> sessionScriptKeys()
{
    return {outboxStream(), paymentDeadlines(), followUps()};
}
inline QByteArray staffRevokedChannel() { return QByteArrayLiteral("hb:staff:revoked"); }

} // namespace hb::keys
