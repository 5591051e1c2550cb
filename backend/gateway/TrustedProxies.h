#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace hb {

// HALOBESTIE_TRUSTED_PROXIES: the proxies (CIDR blocks or single addresses) whose word about
// the client's address is believed. Pure: parsing and address arithmetic only.
//
// Only a connection from one of these may name its client, through X-Forwarded-For or a PROXY
// protocol v1 line; anyone else could claim any address and step around the per-address caps,
// the login rate limiter and the audit log.
class TrustedProxies
{
public:
    // "10.0.0.0/8, 192.168.1.7, ::1, fd00::/8". Empty text: no proxy is trusted. On a bad entry
    // returns nothing and says which in *error.
    static std::optional<TrustedProxies> parse(const QString &text, QString *error);

    bool isEmpty() const { return m_blocks.isEmpty(); }
    bool contains(const QHostAddress &address) const;

    // The client's address for a connection from `peer` carrying these X-Forwarded-For header
    // values (in the order received; each may hold several comma-separated hops): the
    // rightmost hop that is not a trusted proxy, walking left from the peer. The peer itself
    // when it is not trusted, when there is no header, or when a hop is not an address (a
    // header we cannot read names nobody).
    QHostAddress clientAddress(const QHostAddress &peer, const QList<QByteArray> &forwardedFor) const;

private:
    QList<QPair<QHostAddress, int>> m_blocks;
};

// An IPv4-mapped IPv6 address (::ffff:1.2.3.4) as plain IPv4, so one rule covers both forms.
QHostAddress unmapped(const QHostAddress &address);

} // namespace hb
