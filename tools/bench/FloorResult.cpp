#include "FloorResult.h"

namespace hb::bench {

QJsonObject FloorResult::toJson() const
{
    QJsonObject object{{QStringLiteral("scenario"), QStringLiteral("floor")},
                       {QStringLiteral("floor"), id},
                       {QStringLiteral("description"), description}};
    if (error.isEmpty())
        latency.addTo(object);
    else
        object.insert(QStringLiteral("error"), error);
    return object;
}

} // namespace hb::bench
