#include "PgConnection.h"

#include "PgTransaction.h"

namespace hb {

PgConnection::PgConnection(const std::string &conninfo) : m_connection(conninfo)
{
    // Every string crossing the boundary is UTF-8 (QString::toStdString/fromStdString), whatever
    // PGCLIENTENCODING or the database's default says.
    m_connection.set_client_encoding("UTF8");
}

void PgConnection::transact(const std::function<void(PgTransaction &)> &body)
{
    pqxx::work work(m_connection);
    PgTransaction transaction(work);
    body(transaction);
    work.commit();
}

} // namespace hb
