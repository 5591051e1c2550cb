#pragma once

#include "TokenBucket.h"

#include <QHash>
#include <QString>

namespace hb {

// Rate limits per user (role + sub), shared by all of that user's connections on this instance,
// so reconnecting does not refill them. Two buckets: every valid message, and the costly ones
// (pairing.request and pairing.cancel each run a script that is O(online mitras) and push a
// frame to every candidate) on a slower bucket of their own. Pure: the caller passes the time.
class UserRateLimiter
{
public:
    struct Limits
    {
        double messagesPerS = 20.0;
        double messageBurst = 60.0;
        double costlyPerS = 0.2;  // one pairing request or cancel every 5 s in the long run...
        double costlyBurst = 12.0; // ...after a burst of a few request/cancel rounds
    };

    UserRateLimiter(); // the default Limits
    explicit UserRateLimiter(Limits limits) : m_limits(limits) {}

    // 0: allowed (tokens taken); otherwise the milliseconds to wait, nothing taken. `weight`
    // is what the message takes from the message bucket (1 for most).
    qint64 admit(const QString &userKey, bool costly, qint64 nowMs, double weight = 1.0);
    // Forgets users whose buckets are full again: memory stays bounded by the users active
    // within one refill time.
    void prune(qint64 nowMs);
    qsizetype trackedUsers() const { return m_users.size(); }

private:
    struct Buckets
    {
        TokenBucket messages;
        TokenBucket costly;
    };

    Limits m_limits;
    QHash<QString, Buckets> m_users;
};

} // namespace hb
