#include "Refusal.h"

#include "ClientConnection.h"

namespace hb {

void Refusal::send(ClientConnection *connection, const QByteArray &verdict, const QString &detail,
                   const std::optional<QString> &ref) const
{
    if (!connection)
        return;
    if (verdict == "not_found")
        connection->sendError(ErrorCode::NotFound, notFound, ref);
    else if (verdict == "forbidden")
        connection->sendError(ErrorCode::Forbidden, forbidden, ref);
    else if (verdict == "mitra_offline")
        connection->sendError(ErrorCode::MitraOffline, QStringLiteral("go online to accept offers"),
                              ref);
    else if (verdict == "capacity_full")
        connection->sendError(ErrorCode::CapacityFull,
                              QStringLiteral("you already have as many customers as you can take"),
                              ref);
    else
        connection->sendError(ErrorCode::Conflict, conflict.arg(detail), ref);
}

} // namespace hb
