#pragma once

#include <QString>

namespace hb {

// How to reach the database. The URL is a libpq connection URI (postgresql:///halobestie,
// postgresql://user:pw@host:5432/db?sslmode=require) or a key=value conninfo string.
struct PostgresConfig
{
    QString url;
    QString instanceId;      // written to opened_by/closed_by so a row tells who logged it
    int connectTimeoutS = 5; // passed to libpq as connect_timeout unless the URL sets one
};

} // namespace hb
