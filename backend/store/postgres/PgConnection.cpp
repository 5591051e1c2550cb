#include "PgConnection.h"

#include "PgTransaction.h"

namespace hb {

PgConnection::PgConnection(const std::string &conninfo) : m_connection(conninfo)
{
    // Every string crossing the boundary is UTF-8 (QString::toStdString/fromStdString), whatever
    // PGCLIENTENCODING or the database's default says.
    m_connection.set_client_encoding("UTF8");
}

const std::string &PgConnection::prepared(const char *sql)
{
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        const std::string name = "hb_" + std::to_string(m_prepared.size() + 1);
        m_connection.prepare(name, sql);
        it = m_prepared.emplace(sql, name).first;
    }
    return it->second;
}

void PgConnection::transact(const std::function<void(PgTransaction &)> &body)
{
    pqxx::work work(m_connection);
    PgTransaction transaction(work, this);
    body(transaction);
    work.commit();
}

} // namespace hb
