#include "PostgresError.h"

namespace hb {

PostgresError::PostgresError(QString message)
    : m_message(std::move(message)), m_utf8(m_message.toUtf8())
{}

} // namespace hb
