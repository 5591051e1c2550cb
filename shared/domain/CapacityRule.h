#pragma once

#include <QString>
#include <optional>

namespace hb {

// How many customers a mitra may serve at once. Staff set a global default and may override it
// per mitra; the override wins while set. Capacity only limits new assignments: lowering it
// never ends or moves a running session, so a mitra can be above capacity for a while.

// Limits of any capacity value staff may set (0 means: take no new customers).
inline constexpr int kMinCapacity = 0;
inline constexpr int kMaxCapacity = 1000;

// Where an effective capacity comes from; shown to staff as `capacity_source`.
enum class CapacitySource { Global, Mitra };

QString toString(CapacitySource source);
std::optional<CapacitySource> capacitySourceFromString(const QString &text);

struct EffectiveCapacity
{
    int maxCustomers = 0;
    CapacitySource source = CapacitySource::Global;

    friend bool operator==(const EffectiveCapacity &, const EffectiveCapacity &) = default;
};

bool isValidCapacity(int maxCustomers);

EffectiveCapacity effectiveCapacity(int globalDefault, std::optional<int> mitraOverride);

// True when one more session fits: active < capacity.
bool hasFreeSlot(int activeSessions, int effectiveCapacity);

// How many more sessions fit (never negative).
int freeSlots(int activeSessions, int effectiveCapacity);

// True when a mitra serves more sessions than its capacity allows, which happens after staff
// lowered the capacity; such a mitra gets no offers until enough sessions end.
bool isOverCapacity(int activeSessions, int effectiveCapacity);

// By how many sessions a mitra is above capacity (0 when within it).
int overCapacityBy(int activeSessions, int effectiveCapacity);

} // namespace hb
