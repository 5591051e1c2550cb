#pragma once

#include "domain/Session.h"

#include <QList>
#include <QString>

#include <optional>

namespace hb {

class ValkeyReply;

// The replies of the session scripts (lua/session_start, session_end, payment_fail) as typed
// structs, decoded in this one place so no service reads a script's reply by position. Pure: no
// I/O, tested against replies built by hand (tests/unit/tst_session_script_replies). Each parse
// function returns nullopt when the reply is not of its script's shape.
namespace sessionreplies {

// A session ended by lua/lib/closing.lua (close_session).
struct ClosedSession
{
    QString sessionId;
    qint64 endedAtMs = 0;
    QString customerId;
    QString customerInstance; // where each party is connected ('' if nowhere)
    QString mitraId;          // the mitra it was with when it ended (after any reroute)
    QString mitraInstance;
    bool mitraAvailable = false; // the freed slot made the mitra available for offers again
};

// session_start.lua: payment confirmed.
struct SessionStartReply
{
    enum class Verdict { Started, NotFound, Conflict };
    Verdict verdict = Verdict::NotFound;
    QString conflictState; // Conflict: the state it was in (active, ended)
    Session session;       // Started: as it is now (staff may have moved it), startedAtMs set
    QString customerInstance;
    QString mitraInstance;
};
std::optional<SessionStartReply> parseSessionStart(const ValkeyReply &reply);

// session_end.lua: either side ends a session.
struct SessionEndReply
{
    enum class Verdict { Ended, NotFound, Forbidden, Conflict };
    Verdict verdict = Verdict::NotFound;
    QString conflictState; // Conflict: "ended"
    ClosedSession closed;  // Ended
    QByteArray followUp;   // Ended: the follow-up recorded (hb:followups), removed once done
};
std::optional<SessionEndReply> parseSessionEnd(const ValkeyReply &reply);

// payment_fail.lua: the sessions it ended with payment_failed (none if none still awaited
// payment).
struct PaymentFailReply
{
    QList<ClosedSession> ended;
};
std::optional<PaymentFailReply> parsePaymentFail(const ValkeyReply &reply);

// A session as the scripts list it: {'session', id, request, customer, customer_name, mitra,
// mitra_name, state, created} (session_start, resume_state). `startedAtMs` is `created`.
std::optional<Session> parseSessionEntry(const ValkeyReply &entry);

} // namespace sessionreplies
} // namespace hb
