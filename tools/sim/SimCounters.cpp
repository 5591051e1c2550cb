#include "SimCounters.h"

namespace hb::sim {

namespace {

qint64 sum(const QMap<QString, qint64> &map)
{
    qint64 n = 0;
    for (qint64 v : map)
        n += v;
    return n;
}

} // namespace

qint64 SimCounters::failedTotal() const
{
    return sum(failed);
}

qint64 SimCounters::errorsTotal() const
{
    return sum(errors);
}

} // namespace hb::sim
