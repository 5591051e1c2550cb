#pragma once

#include <QString>

// Helpers for libpq connection strings, private to store/postgres. Both forms libpq accepts are
// handled: URIs (postgresql://user:pw@host:port/db?key=value) and key=value conninfo strings.
namespace hb::pgconninfo {

// `conninfo` with key=value added, unless it already sets that key (the operator's word wins).
QString withParameter(const QString &conninfo, const QString &key, const QString &value);

// `conninfo` fit for logs and error messages: passwords replaced by "***".
QString redacted(const QString &conninfo);

// libpq's and libpqxx's messages span lines ("...failed: Connection refused\n\tIs the server
// running..."); callers promise one line.
QString oneLine(const char *message);

} // namespace hb::pgconninfo
