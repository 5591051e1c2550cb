#pragma once

#include <QHash>
#include <QHostAddress>
#include <QString>

namespace hb {

// Counts this instance's connections in total, per client address and before authentication,
// and says whether one more may come in. Pure bookkeeping (no sockets): the gateway admits at
// accept and releases when the socket is gone (through ConnectionTicket).
//
// Why per address and before authentication: a single host opening sockets and never sending
// `hello` would otherwise use up descriptors and memory for everyone else; the total cap keeps
// the instance below its descriptor limit with room for its own stores.
class ConnectionCaps
{
public:
    struct Limits
    {
        int maxConnections = 20000;
        int maxPerAddress = 1000; // phones behind carrier NAT share addresses: keep it generous
        int maxUnauthenticated = 2000;
    };

    enum class Verdict { Admitted, TooManyInTotal, TooManyUnauthenticated, TooManyFromAddress };

    ConnectionCaps(); // the default Limits
    explicit ConnectionCaps(Limits limits) : m_limits(limits) {}

    // A new socket: counted in total and as unauthenticated if admitted.
    Verdict admitConnection();
    // Its client address, once known (at accept, or after a trusted proxy named it).
    Verdict admitAddress(const QString &addressKey);
    void authenticated();
    void releaseAddress(const QString &addressKey);
    void releaseConnection(bool stillUnauthenticated);

    int total() const { return m_total; }
    int unauthenticated() const { return m_unauthenticated; }
    int fromAddress(const QString &addressKey) const { return m_perAddress.value(addressKey); }
    qsizetype trackedAddresses() const { return m_perAddress.size(); }

    // The key an address is counted under: IPv4 (also IPv4-mapped IPv6) as it is, IPv6 by its
    // /64, since one host commonly holds a whole /64.
    static QString addressKey(const QHostAddress &address);

private:
    Limits m_limits;
    int m_total = 0;
    int m_unauthenticated = 0;
    QHash<QString, int> m_perAddress;
};

} // namespace hb
