#include "CapacityRule.h"

#include <algorithm>

namespace hb {

QString toString(CapacitySource source)
{
    return source == CapacitySource::Mitra ? QStringLiteral("mitra") : QStringLiteral("global");
}

std::optional<CapacitySource> capacitySourceFromString(const QString &text)
{
    if (text == QLatin1String("global"))
        return CapacitySource::Global;
    if (text == QLatin1String("mitra"))
        return CapacitySource::Mitra;
    return std::nullopt;
}

bool isValidCapacity(int maxCustomers)
{
    return maxCustomers >= kMinCapacity && maxCustomers <= kMaxCapacity;
}

EffectiveCapacity effectiveCapacity(int globalDefault, std::optional<int> mitraOverride)
{
    if (mitraOverride)
        return {*mitraOverride, CapacitySource::Mitra};
    return {globalDefault, CapacitySource::Global};
}

bool hasFreeSlot(int activeSessions, int effectiveCapacity)
{
    return activeSessions < effectiveCapacity;
}

int freeSlots(int activeSessions, int effectiveCapacity)
{
    return std::max(0, effectiveCapacity - activeSessions);
}

bool isOverCapacity(int activeSessions, int effectiveCapacity)
{
    return activeSessions > effectiveCapacity;
}

int overCapacityBy(int activeSessions, int effectiveCapacity)
{
    return std::max(0, activeSessions - effectiveCapacity);
}

} // namespace hb
