#include "WeightedRotation.h"

#include <QSet>
#include <algorithm>

namespace hb::pairing {

void WeightedRotation::setWeight(const QString &id, int weight)
{
    m_weights.insert(id.toUtf8(), std::clamp(weight, 1, kMaxWeight));
}

int WeightedRotation::weight(const QString &id) const
{
    return m_weights.value(id.toUtf8(), 1);
}

void WeightedRotation::join(const QString &id)
{
    const QByteArray key = id.toUtf8();
    if (m_passes.contains(key))
        return;
    const double pass = std::max(m_remembered.value(key, 0.0), m_virtualTime);
    m_passes.insert(key, pass);
    m_order.emplace(pass, key);
}

void WeightedRotation::leave(const QString &id)
{
    const QByteArray key = id.toUtf8();
    const auto it = m_passes.constFind(key);
    if (it == m_passes.cend())
        return;
    m_remembered.insert(key, *it);
    m_order.erase({*it, key});
    m_passes.erase(it);
}

QStringList WeightedRotation::pick(int k, const QStringList &exclude)
{
    QStringList out;
    if (k <= 0)
        return out;
    QSet<QByteArray> excluded;
    for (const QString &id : exclude)
        excluded.insert(id.toUtf8());

    QList<std::pair<double, QByteArray>> taken;
    for (auto it = m_order.cbegin(); it != m_order.cend() && taken.size() < k; ++it) {
        if (!excluded.contains(it->second))
            taken.append(*it);
    }
    for (const auto &[pass, key] : taken) {
        m_virtualTime = pass;
        // Exactly the Lua expression `pass + 1 / weight` in doubles, so both sides agree bit
        // for bit (the Lua writes the result with %.17g, which reads back exactly).
        const double next = pass + 1.0 / double(m_weights.value(key, 1));
        m_order.erase({pass, key});
        m_order.emplace(next, key);
        m_passes.insert(key, next);
        out.append(QString::fromUtf8(key));
    }
    return out;
}

bool WeightedRotation::contains(const QString &id) const
{
    return m_passes.contains(id.toUtf8());
}

QStringList WeightedRotation::order() const
{
    QStringList out;
    out.reserve(size());
    for (const auto &[pass, key] : m_order)
        out.append(QString::fromUtf8(key));
    return out;
}

std::optional<double> WeightedRotation::passOf(const QString &id) const
{
    const auto it = m_passes.constFind(id.toUtf8());
    if (it == m_passes.cend())
        return std::nullopt;
    return *it;
}

} // namespace hb::pairing
