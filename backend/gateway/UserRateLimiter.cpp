#include "UserRateLimiter.h"

#include <algorithm>

namespace hb {

UserRateLimiter::UserRateLimiter() : UserRateLimiter(Limits()) {}

qint64 UserRateLimiter::admit(const QString &userKey, bool costly, qint64 nowMs, double weight)
{
    auto it = m_users.find(userKey);
    if (it == m_users.end())
        it = m_users.insert(userKey,
                            Buckets{TokenBucket(m_limits.messagesPerS, m_limits.messageBurst, nowMs),
                                    TokenBucket(m_limits.costlyPerS, m_limits.costlyBurst, nowMs)});
    // Check both before taking from either, so a refusal leaves both as they were.
    qint64 wait = it->messages.msUntil(nowMs, weight);
    if (costly)
        wait = std::max(wait, it->costly.msUntil(nowMs));
    if (wait != 0)
        return wait < 0 ? 3600 * 1000 : wait;
    it->messages.take(nowMs, weight);
    if (costly)
        it->costly.take(nowMs);
    return 0;
}

void UserRateLimiter::prune(qint64 nowMs)
{
    for (auto it = m_users.begin(); it != m_users.end();) {
        if (it->messages.isFull(nowMs) && it->costly.isFull(nowMs))
            it = m_users.erase(it);
        else
            ++it;
    }
}

} // namespace hb
