#pragma once

#include <QString>
#include <optional>

namespace hb::pairing {

// How a customer's request picks the mitras it is offered to (HALOBESTIE_PAIRING_STRATEGY).
enum class Strategy {
    // Every available mitra at once (optionally capped); the first accept wins.
    Broadcast,
    // The next mitras of a rotation shared by every instance (RoundRobinRotation).
    RoundRobin,
    // Like RoundRobin, but a mitra's share of offers follows its weight (WeightedRotation).
    WeightedRoundRobin,
};

// "broadcast", "round_robin", "weighted_round_robin".
QString toString(Strategy strategy);
std::optional<Strategy> strategyFromString(const QString &text);

} // namespace hb::pairing
