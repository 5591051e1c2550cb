#include "Backoff.h"

#include <algorithm>
#include <cmath>

namespace hb::cc {

Backoff::Backoff(int initialMs, int maxMs, double jitter)
{
    configure(initialMs, maxMs, jitter);
}

void Backoff::configure(int initialMs, int maxMs, double jitter)
{
    m_initialMs = std::max(1, initialMs);
    m_maxMs = std::max(m_initialMs, maxMs);
    m_jitter = std::clamp(jitter, 0.0, 1.0);
}

int Backoff::nextDelayMs()
{
    // Doubling stops at the cap; the shift is bounded so it never overflows.
    const int exponent = std::min(m_attempts, 20);
    ++m_attempts;
    const double base = std::min(double(m_maxMs), double(m_initialMs) * double(1 << exponent));
    const double factor = 1.0 + m_jitter * (2.0 * m_random.generateDouble() - 1.0);
    return std::max(1, int(std::lround(base * factor)));
}

} // namespace hb::cc
