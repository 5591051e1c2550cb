#pragma once

#include <QtGlobal>

namespace hb::bench {

// How long a simulated app waits before reconnecting: 1 s, doubling up to 30 s, back to 1 s
// once it is signed in again — what the real apps do, so a restarted backend is not stormed.
class ReconnectBackoff
{
public:
    // The delay to wait now; the next one is twice as long (up to the cap).
    int next()
    {
        const int delay = m_delayMs;
        m_delayMs = qMin(kMaxMs, m_delayMs * 2);
        return delay;
    }
    void reset() { m_delayMs = kFirstMs; }

private:
    static constexpr int kFirstMs = 1000;
    static constexpr int kMaxMs = 30000;
    int m_delayMs = kFirstMs;
};

} // namespace hb::bench
