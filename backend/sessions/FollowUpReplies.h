#pragma once

#include "domain/Session.h"
#include "protocol/Reasons.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace hb {

class ValkeyReply;

// The reply of lua/followups_claim.lua as typed structs, decoded in this one place (like
// SessionScriptReplies). Pure: tested against replies built by hand
// (tests/unit/tst_follow_up_replies).
namespace followupreplies {

// One follow-up a decision still owed (lua/lib/followup.lua), claimed by this instance.
struct FollowUp
{
    // Accept: offer_accept created the session. End: session_end ended it. Unknown: recorded
    // by another version of the backend; left to it (the lease makes it fall due again).
    enum class Kind { Accept, End, Unknown };
    Kind kind = Kind::Unknown;
    QByteArray member; // the zset member: removed (ZREM) once done
    QString sessionId;
    // The session as it is now (staff may have moved it, payment may have started or ended
    // it); nullopt once it is gone from Valkey (a day after its end): nothing left to tell.
    std::optional<Session> session;
    QString customerInstance; // where each party is connected now ('' if nowhere)
    QString mitraInstance;
    // Accept: the mitras whose offers the accept took, with where they are connected now.
    struct Loser
    {
        QString mitraId;
        QString instance;
    };
    QList<Loser> losers;
    // End: why it ended, as both parties are told.
    SessionEndReason endReason = SessionEndReason::EndedByCustomer;
};

struct FollowUpsClaimReply
{
    QList<FollowUp> claimed;
    // Members of entries not of the script's shape: dropped with a warning, so one bad entry
    // cannot hold up the others (it would fall due again after every lease).
    QList<QByteArray> malformed;
};
// nullopt when the reply is not an array of entries.
std::optional<FollowUpsClaimReply> parseFollowUpsClaim(const ValkeyReply &reply);

} // namespace followupreplies
} // namespace hb
