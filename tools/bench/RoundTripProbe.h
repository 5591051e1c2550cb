#pragma once

#include "LatencyRecorder.h"

#include <QtGlobal>
#include <functional>

namespace hb::bench {

// Sequential round trips: send, wait for the answer, send again, `samples` times. One in
// flight at a time, so each sample is pure latency with no queueing. The owner wires the
// answer to replied() (it knows what an answer looks like on its connection).
class RoundTripProbe
{
public:
    RoundTripProbe(std::function<void()> send, int samples);

    void start();
    void replied(qint64 receivedNs);
    bool isDone() const { return m_latencies.count() >= m_samples; }
    const LatencyRecorder &latencies() const { return m_latencies; }

private:
    void sendOne();

    std::function<void()> m_send;
    int m_samples;
    // Discarded first answers: the first trips pay for lazily built state (caches, scripts).
    int m_warmupLeft = 10;
    bool m_waiting = false;
    qint64 m_sentNs = 0;
    LatencyRecorder m_latencies;
};

} // namespace hb::bench
