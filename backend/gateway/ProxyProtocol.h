#pragma once

#include <QByteArray>
#include <QHostAddress>

namespace hb {

// The PROXY protocol, version 1 (HAProxy's text header): a TCP proxy that does not speak HTTP
// (e.g. a TLS passthrough load balancer) sends one line naming the client before the client's
// own bytes. Pure parsing; only lines from a trusted proxy are looked at.
struct ProxyHeader
{
    enum class Status { NotProxy, Incomplete, Invalid, Unknown, Address };
    Status status = Status::NotProxy;
    QHostAddress client; // for Address
    int length = 0;      // bytes of the header line, CRLF included (Unknown, Address)
};

// The longest v1 line the specification allows, CRLF included.
constexpr int kMaxProxyHeaderBytes = 107;

// Reads the start of a connection's bytes. NotProxy: they do not begin with "PROXY ";
// Incomplete: no CRLF yet (and fewer than kMaxProxyHeaderBytes); Invalid: a malformed line;
// Unknown: "PROXY UNKNOWN" (the proxy does not know: use the peer); Address: the client.
ProxyHeader parseProxyHeader(const QByteArray &head);

} // namespace hb
