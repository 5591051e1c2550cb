#include "ConnectionTicket.h"

namespace hb {

ConnectionTicket::ConnectionTicket(std::shared_ptr<ConnectionCaps> caps, QObject *socket)
    : QObject(socket), m_caps(std::move(caps))
{
}

ConnectionTicket::~ConnectionTicket()
{
    release();
}

bool ConnectionTicket::admitClient(const QHostAddress &client)
{
    m_client = client;
    if (m_released)
        return false;
    if (!m_addressKey.isEmpty()) {
        m_caps->releaseAddress(m_addressKey);
        m_addressKey.clear();
    }
    const QString key = ConnectionCaps::addressKey(client);
    if (m_caps->admitAddress(key) != ConnectionCaps::Verdict::Admitted)
        return false;
    m_addressKey = key;
    return true;
}

void ConnectionTicket::markAuthenticated()
{
    if (m_released || !m_unauthenticated)
        return;
    m_unauthenticated = false;
    m_caps->authenticated();
}

void ConnectionTicket::release()
{
    if (std::exchange(m_released, true))
        return;
    if (!m_addressKey.isEmpty())
        m_caps->releaseAddress(m_addressKey);
    m_caps->releaseConnection(m_unauthenticated);
}

} // namespace hb
