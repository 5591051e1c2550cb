#include "ConnectionCaps.h"

namespace hb {

ConnectionCaps::ConnectionCaps() : ConnectionCaps(Limits()) {}

ConnectionCaps::Verdict ConnectionCaps::admitConnection()
{
    if (m_total >= m_limits.maxConnections)
        return Verdict::TooManyInTotal;
    if (m_unauthenticated >= m_limits.maxUnauthenticated)
        return Verdict::TooManyUnauthenticated;
    ++m_total;
    ++m_unauthenticated;
    return Verdict::Admitted;
}

ConnectionCaps::Verdict ConnectionCaps::admitAddress(const QString &addressKey)
{
    int &count = m_perAddress[addressKey];
    if (count >= m_limits.maxPerAddress) {
        if (count == 0)
            m_perAddress.remove(addressKey);
        return Verdict::TooManyFromAddress;
    }
    ++count;
    return Verdict::Admitted;
}

void ConnectionCaps::authenticated()
{
    if (m_unauthenticated > 0)
        --m_unauthenticated;
}

void ConnectionCaps::releaseAddress(const QString &addressKey)
{
    auto it = m_perAddress.find(addressKey);
    if (it == m_perAddress.end())
        return;
    if (--*it <= 0)
        m_perAddress.erase(it);
}

void ConnectionCaps::releaseConnection(bool stillUnauthenticated)
{
    if (m_total > 0)
        --m_total;
    if (stillUnauthenticated)
        authenticated();
}

QString ConnectionCaps::addressKey(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    if (isIpv4)
        return QHostAddress(ipv4).toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

} // namespace hb
