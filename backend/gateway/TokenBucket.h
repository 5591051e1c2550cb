#pragma once

#include <QtGlobal>

namespace hb {

// A token bucket: holds up to `burst` tokens, refilled at `ratePerS` tokens per second; each
// message takes one. Pure (the caller passes the time), so it is tested without waiting.
//
// Why a bucket rather than a fixed window: it lets a client send a short burst (an app catching
// up after a reconnect) while holding the long-run rate, and it can say exactly how long to wait
// (`retry_after_ms`), which a window cannot without starving the client until the window ends.
class TokenBucket
{
public:
    TokenBucket() = default;
    // Starts full at `nowMs`. A rate of 0 (or less) never refills; a burst below 1 is 1.
    TokenBucket(double ratePerS, double burst, qint64 nowMs);

    // Takes `cost` tokens if there are that many; false (and nothing taken) otherwise.
    bool take(qint64 nowMs, double cost = 1.0);
    // Milliseconds until `cost` tokens are there (0 if they are now; -1 if never: no refill and
    // a cost above the burst).
    qint64 msUntil(qint64 nowMs, double cost = 1.0);
    // True when the bucket is full at `nowMs`: forgetting it changes nothing (memory pruning).
    bool isFull(qint64 nowMs);

    double tokens(qint64 nowMs);

private:
    void refill(qint64 nowMs);

    double m_ratePerMs = 0.0;
    double m_burst = 1.0;
    double m_tokens = 1.0;
    qint64 m_lastMs = 0;
};

} // namespace hb
