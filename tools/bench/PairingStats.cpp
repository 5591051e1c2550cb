#include "PairingStats.h"

namespace hb::bench {

void PairingStats::noteOffer(const QString &requestId, qint64 ns)
{
    ++m_offers;
    // Broadcast sends one offer per mitra: the first to arrive is the one that counts.
    if (!m_firstOfferNs.contains(requestId))
        m_firstOfferNs.insert(requestId, ns);
}

void PairingStats::noteAssigned(const QString &requestId, qint64 ns)
{
    m_assignedNs.insert(requestId, ns);
}

void PairingStats::noteSearching(qint64 sentNs, qint64 ns)
{
    if (m_recording)
        m_searching.add(ns - sentNs);
}

void PairingStats::complete(const QString &requestId, bool measured, qint64 sentNs, qint64 foundNs,
                            qint64 startedNs)
{
    ++m_completedAll;
    const qint64 offerNs = m_firstOfferNs.take(requestId);
    const qint64 assignedNs = m_assignedNs.take(requestId);
    if (!measured || !m_recording)
        return;
    m_total.add(startedNs - sentNs);
    if (offerNs > 0)
        m_firstOffer.add(offerNs - sentNs);
    if (assignedNs > 0)
        m_assigned.add(assignedNs - sentNs);
    if (foundNs > 0)
        m_found.add(foundNs - sentNs);
}

void PairingStats::reset()
{
    *this = PairingStats();
}

} // namespace hb::bench
