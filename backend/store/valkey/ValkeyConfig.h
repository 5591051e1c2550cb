#pragma once

#include <QString>
#include <optional>

namespace hb {

// Where and how to reach one Valkey (or redis-server 7) instance, plus the client's own timing
// rules. Plain data: parseValkeyUrl() fills the connection part, the timings keep their
// defaults unless a caller changes them.
struct ValkeyConfig
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 6379;
    // ACL user name; empty means the legacy `AUTH <password>` form.
    QString username;
    // Empty means no AUTH at all.
    QString password;
    int db = 0;

    // hiredis never times a command out; the client fails it with Timeout after this long.
    int commandTimeoutMs = 2000;
    // Covers name resolution, the TCP connect and the AUTH/SELECT handshake.
    int connectTimeoutMs = 3000;
    // Reconnect delays grow from min to max (doubling, with jitter) and reset after a success.
    int reconnectMinMs = 100;
    int reconnectMaxMs = 5000;

    // "host:port" ("[::1]:port" for IPv6), for log lines and error messages. Never contains the
    // password.
    QString endpoint() const;
};

// Parses `redis://[[user]:password@]host[:port][/db]` (also `valkey://`). Returns nullopt and a
// one-line reason in *error (if given) when the URL is not usable; the reason never repeats the
// password. Timings in the result keep their defaults.
std::optional<ValkeyConfig> parseValkeyUrl(const QString &url, QString *error = nullptr);

} // namespace hb
