#pragma once

#include "PgConnection.h"

#include <QString>
#include <QtGlobal>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace hb {

// The handle a PgWorker job gets: one open transaction, plus conversions between Qt types and
// SQL parameters/fields so query code stays short. Private to store/postgres.
class PgTransaction
{
public:
    // With a connection, statements run prepared (see PgConnection::prepared).
    explicit PgTransaction(pqxx::work &work, PgConnection *connection = nullptr)
        : m_work(work), m_connection(connection)
    {
    }

    // `sql` with $1, $2... bound to `args`; QStrings are sent as UTF-8 text.
    template <class... Args> pqxx::result exec(const char *sql, const Args &...args)
    {
        if (m_connection)
            return m_work.exec_prepared(m_connection->prepared(sql), param(args)...);
        return m_work.exec_params(sql, param(args)...);
    }

    pqxx::work &work() { return m_work; }

    static QString text(const pqxx::field &field)
    {
        return field.is_null()
                   ? QString()
                   : QString::fromUtf8(field.c_str(), static_cast<qsizetype>(field.size()));
    }
    static qint64 int64(const pqxx::field &field) { return field.as<long long>(); }
    static std::optional<qint64> optionalInt64(const pqxx::field &field)
    {
        if (field.is_null())
            return std::nullopt;
        return field.as<long long>();
    }

private:
    static std::string param(const QString &value) { return value.toStdString(); }
    static long long param(qint64 value) { return value; }
    static int param(int value) { return value; }

    pqxx::work &m_work;
    PgConnection *m_connection;
};

} // namespace hb
