#include "TrustedProxies.h"

namespace hb {

QHostAddress unmapped(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    return isIpv4 ? QHostAddress(ipv4) : address;
}

std::optional<TrustedProxies> TrustedProxies::parse(const QString &text, QString *error)
{
    TrustedProxies result;
    const QStringList entries = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        QPair<QHostAddress, int> block;
        if (entry.contains(QLatin1Char('/'))) {
            block = QHostAddress::parseSubnet(entry);
            // parseSubnet accepts a netmask or a prefix; it gives (null, -1) when it cannot.
            if (block.first.isNull() || block.second < 0) {
                *error = QStringLiteral("'%1' is not a CIDR block (e.g. 10.0.0.0/8 or fd00::/8)")
                             .arg(entry);
                return std::nullopt;
            }
        } else {
            QHostAddress address;
            if (!address.setAddress(entry)) {
                *error = QStringLiteral("'%1' is not an IP address").arg(entry);
                return std::nullopt;
            }
            address = unmapped(address);
            block = {address,
                     address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128};
        }
        result.m_blocks.append(block);
    }
    return result;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    const QHostAddress plain = unmapped(address);
    for (const auto &block : m_blocks)
        if (plain.isInSubnet(block))
            return true;
    return false;
}

QHostAddress TrustedProxies::clientAddress(const QHostAddress &peer,
                                           const QList<QByteArray> &forwardedFor) const
{
    QHostAddress client = unmapped(peer);
    if (!contains(client))
        return client;
    QList<QByteArray> hops;
    for (const QByteArray &value : forwardedFor)
        for (const QByteArray &hop : value.split(','))
            hops.append(hop.trimmed());
    // Walk from the nearest hop outwards: each trusted proxy vouches for the hop before it.
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        QByteArray hop = *it;
        // "[v6]:port" and "v4:port" forms some proxies write.
        if (hop.startsWith('[') && hop.contains(']'))
            hop = hop.mid(1, hop.indexOf(']') - 1);
        else if (hop.count(':') == 1)
            hop = hop.left(hop.indexOf(':'));
        QHostAddress address;
        if (hop.isEmpty() || !address.setAddress(QString::fromLatin1(hop)))
            return client; // unreadable: keep the last address we could vouch for
        client = unmapped(address);
        if (!contains(client))
            return client;
    }
    return client;
}

} // namespace hb
