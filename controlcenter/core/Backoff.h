#pragma once

#include <QRandomGenerator>

namespace hb::cc {

// Reconnect delays: `initialMs` doubling per attempt up to `maxMs`, each randomised by up to
// ±jitter so many control centers that lost the same server do not all come back at once.
class Backoff
{
public:
    Backoff(int initialMs = 1000, int maxMs = 30000, double jitter = 0.2);

    void configure(int initialMs, int maxMs, double jitter);
    // The delay before the next attempt; counts the attempt.
    int nextDelayMs();
    int attempts() const { return m_attempts; }
    // After a successful connection: the next loss starts again from `initialMs`.
    void reset() { m_attempts = 0; }
    // Tests make the jitter repeatable.
    void seed(quint32 seed) { m_random.seed(seed); }

private:
    int m_initialMs;
    int m_maxMs;
    double m_jitter;
    int m_attempts = 0;
    QRandomGenerator m_random{QRandomGenerator::securelySeeded()};
};

} // namespace hb::cc
