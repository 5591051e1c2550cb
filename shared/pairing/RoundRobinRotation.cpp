#include "RoundRobinRotation.h"

#include <QSet>

namespace hb::pairing {

void RoundRobinRotation::join(const QString &id)
{
    const QByteArray key = id.toUtf8();
    if (m_turns.contains(key))
        return;
    const qint64 turn = m_remembered.value(key, m_counter);
    m_turns.insert(key, turn);
    m_order.emplace(turn, key);
}

void RoundRobinRotation::leave(const QString &id)
{
    const QByteArray key = id.toUtf8();
    const auto it = m_turns.constFind(key);
    if (it == m_turns.cend())
        return;
    m_remembered.insert(key, *it);
    m_order.erase({*it, key});
    m_turns.erase(it);
}

QStringList RoundRobinRotation::pick(int k, const QStringList &exclude)
{
    QStringList out;
    if (k <= 0)
        return out;
    QSet<QByteArray> excluded;
    for (const QString &id : exclude)
        excluded.insert(id.toUtf8());

    QList<QByteArray> taken;
    for (auto it = m_order.cbegin(); it != m_order.cend() && taken.size() < k; ++it) {
        if (!excluded.contains(it->second))
            taken.append(it->second);
    }
    // Moved only after the walk: the walk must not meet a mitra it already sent to the back.
    for (const QByteArray &key : taken) {
        const qint64 turn = ++m_counter;
        m_order.erase({m_turns.value(key), key});
        m_order.emplace(turn, key);
        m_turns.insert(key, turn);
        out.append(QString::fromUtf8(key));
    }
    return out;
}

bool RoundRobinRotation::contains(const QString &id) const
{
    return m_turns.contains(id.toUtf8());
}

QStringList RoundRobinRotation::order() const
{
    QStringList out;
    out.reserve(size());
    for (const auto &[turn, key] : m_order)
        out.append(QString::fromUtf8(key));
    return out;
}

std::optional<qint64> RoundRobinRotation::turnOf(const QString &id) const
{
    const auto it = m_turns.constFind(id.toUtf8());
    if (it == m_turns.cend())
        return std::nullopt;
    return *it;
}

} // namespace hb::pairing
