#include "RoundTripProbe.h"

#include "ProtocolClient.h"

namespace hb::bench {

RoundTripProbe::RoundTripProbe(std::function<void()> send, int samples)
    : m_send(std::move(send)), m_samples(samples)
{}

void RoundTripProbe::start()
{
    sendOne();
}

void RoundTripProbe::replied(qint64 receivedNs)
{
    if (!m_waiting)
        return;
    m_waiting = false;
    if (m_warmupLeft > 0)
        --m_warmupLeft;
    else
        m_latencies.add(receivedNs - m_sentNs);
    if (!isDone())
        sendOne();
}

void RoundTripProbe::sendOne()
{
    m_waiting = true;
    m_sentNs = ProtocolClient::nowNs();
    m_send();
}

} // namespace hb::bench
