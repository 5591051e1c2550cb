#pragma once

#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <unordered_map>

namespace hb {

class PgTransaction;

// One libpq connection, used only on PgWorker's thread (libpqxx objects are not thread-safe).
// Private to store/postgres: this is where libpqxx types are allowed.
class PgConnection
{
public:
    // Connects at once; throws pqxx::broken_connection (or another pqxx::failure) if it cannot.
    explicit PgConnection(const std::string &conninfo);

    pqxx::connection &raw() { return m_connection; }

    // The name of `sql` as a prepared statement of this connection, defined on first use:
    // PostgreSQL then parses and plans each statement once per connection instead of on every
    // execution (the durable log runs the same few dozen statements thousands of times).
    const std::string &prepared(const char *sql);

    // Runs `body` in a read-committed transaction and commits it. Anything `body` throws aborts
    // the transaction and propagates; a commit that loses the connection throws
    // pqxx::in_doubt_error.
    void transact(const std::function<void(PgTransaction &)> &body);

private:
    pqxx::connection m_connection;
    std::unordered_map<std::string, std::string> m_prepared; // SQL -> statement name
};

} // namespace hb
