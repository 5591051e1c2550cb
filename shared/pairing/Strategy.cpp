#include "Strategy.h"

namespace hb::pairing {

QString toString(Strategy strategy)
{
    switch (strategy) {
    case Strategy::Broadcast:
        return QStringLiteral("broadcast");
    case Strategy::RoundRobin:
        return QStringLiteral("round_robin");
    case Strategy::WeightedRoundRobin:
        return QStringLiteral("weighted_round_robin");
    }
    return {};
}

std::optional<Strategy> strategyFromString(const QString &text)
{
    if (text == QLatin1String("broadcast"))
        return Strategy::Broadcast;
    if (text == QLatin1String("round_robin"))
        return Strategy::RoundRobin;
    if (text == QLatin1String("weighted_round_robin"))
        return Strategy::WeightedRoundRobin;
    return std::nullopt;
}

} // namespace hb::pairing
