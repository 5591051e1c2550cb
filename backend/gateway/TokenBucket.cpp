#include "TokenBucket.h"

#include <algorithm>
#include <cmath>

namespace hb {

TokenBucket::TokenBucket(double ratePerS, double burst, qint64 nowMs)
    : m_ratePerMs(std::max(0.0, ratePerS) / 1000.0), m_burst(std::max(1.0, burst)),
      m_tokens(m_burst), m_lastMs(nowMs)
{
}

void TokenBucket::refill(qint64 nowMs)
{
    // A clock that goes back (it should not: callers use a steady clock) refills nothing.
    if (nowMs <= m_lastMs)
        return;
    m_tokens = std::min(m_burst, m_tokens + double(nowMs - m_lastMs) * m_ratePerMs);
    m_lastMs = nowMs;
}

bool TokenBucket::take(qint64 nowMs, double cost)
{
    refill(nowMs);
    if (m_tokens + 1e-9 < cost)
        return false;
    m_tokens -= cost;
    return true;
}

qint64 TokenBucket::msUntil(qint64 nowMs, double cost)
{
    refill(nowMs);
    const double missing = cost - m_tokens;
    if (missing <= 1e-9)
        return 0;
    if (m_ratePerMs <= 0.0 || cost > m_burst)
        return -1;
    return qint64(std::ceil(missing / m_ratePerMs));
}

bool TokenBucket::isFull(qint64 nowMs)
{
    refill(nowMs);
    return m_tokens >= m_burst - 1e-9;
}

double TokenBucket::tokens(qint64 nowMs)
{
    refill(nowMs);
    return m_tokens;
}

} // namespace hb
