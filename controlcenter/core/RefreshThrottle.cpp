#include "RefreshThrottle.h"

namespace hb::cc {

RefreshThrottle::RefreshThrottle(int minIntervalMs, QObject *parent)
    : QObject(parent), m_minIntervalMs(minIntervalMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RefreshThrottle::tryFire);
}

void RefreshThrottle::request()
{
    m_owed = true;
    tryFire();
}

void RefreshThrottle::done()
{
    m_inFlight = false;
    if (m_owed)
        tryFire();
}

void RefreshThrottle::reset()
{
    m_inFlight = false;
    m_owed = false;
    m_timer.stop();
    m_sinceLast.invalidate();
}

void RefreshThrottle::tryFire()
{
    if (!m_owed || m_inFlight)
        return; // done() comes back here
    if (m_sinceLast.isValid() && m_sinceLast.elapsed() < m_minIntervalMs) {
        if (!m_timer.isActive())
            m_timer.start(int(m_minIntervalMs - m_sinceLast.elapsed()));
        return;
    }
    m_owed = false;
    m_inFlight = true;
    m_sinceLast.start();
    emit fire();
}

} // namespace hb::cc
