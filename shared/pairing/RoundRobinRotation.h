#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>
#include <set>
#include <utility>

namespace hb::pairing {

// The round-robin rotation of available mitras, in memory: the exact algorithm of
// backend/lua/lib/rotation.lua (join, leave, rr_pick) over the zset hb:rr:rotation, so unit
// tests can cover it without a server and an integration test can prove the Lua agrees.
//
// Every available mitra has a turn; the lowest (turn, id as UTF-8 bytes) goes next, the order
// Valkey keeps a zset in. A mitra picked gets the next value of a shared counter and so goes
// to the back. Costs: join, leave O(log N); pick O(log N + k + |exclude|).
class RoundRobinRotation
{
public:
    // The mitra becomes available: at its remembered turn if it was available before (a mitra
    // that flaps keeps its place), else at the current counter (a newcomer joins at the back).
    // Joining an available mitra changes nothing.
    void join(const QString &id);
    // The mitra is no longer available; its turn is remembered for join. Idempotent.
    void leave(const QString &id);

    // The next k available mitras in rotation order, skipping `exclude` (who keep their
    // place). Each one taken goes to the back, in pick order. Fewer than k when fewer are
    // available; none when k <= 0.
    QStringList pick(int k, const QStringList &exclude = {});

    bool contains(const QString &id) const;
    qsizetype size() const { return qsizetype(m_order.size()); }
    // Every available mitra, the next one first. O(N): for broadcasts and tests.
    QStringList order() const;
    // An available mitra's turn (its score in hb:rr:rotation).
    std::optional<qint64> turnOf(const QString &id) const;
    // The counter hb:rr:turn.
    qint64 counter() const { return m_counter; }

private:
    std::set<std::pair<qint64, QByteArray>> m_order;
    QHash<QByteArray, qint64> m_turns;      // available mitra -> turn
    QHash<QByteArray, qint64> m_remembered; // the hash field rr_turn of mitras that left
    qint64 m_counter = 0;
};

} // namespace hb::pairing
