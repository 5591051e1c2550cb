#include "BroadcastPick.h"

#include <QSet>

namespace hb::pairing {

QStringList broadcastPick(RoundRobinRotation &rotation, int max, const QStringList &exclude)
{
    const QSet<QString> excluded(exclude.cbegin(), exclude.cend());
    if (max > 0) {
        qsizetype candidates = rotation.size();
        for (const QString &id : excluded) {
            if (rotation.contains(id))
                --candidates;
        }
        if (candidates > max)
            return rotation.pick(max, exclude);
    }
    QStringList out;
    for (const QString &id : rotation.order()) {
        if (!excluded.contains(id))
            out.append(id);
    }
    return out;
}

} // namespace hb::pairing
