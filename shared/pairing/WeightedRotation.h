#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>
#include <set>
#include <utility>

namespace hb::pairing {

// The weighted rotation of available mitras, in memory: the exact algorithm of
// backend/lua/lib/rotation.lua (join, leave, wrr_pick) over the zset hb:wrr:pass, so unit
// tests can cover it without a server and an integration test can prove the Lua agrees.
//
// Stride scheduling: each mitra has a pass (virtual time); the lowest (pass, id as UTF-8
// bytes) goes next and its pass advances by 1/weight. Over time a mitra of weight 3 gets three
// times the offers of one of weight 1, interleaved smoothly. nginx's smooth weighted round
// robin gives the same shares but visits every mitra on each pick (O(N)); here a pick is a
// sorted-set lookup, O(log N + k + |exclude|), which is what lets it run in Valkey.
class WeightedRotation
{
public:
    // Bounds a weight so that no value can make 1/weight zero and hand one mitra every offer.
    static constexpr int kMaxWeight = 1000;

    // The mitra's weight (the `weight` field of its hash), clamped to [1, kMaxWeight]; it may
    // change at any time, available or not, and counts from the mitra's next pick. Default 1.
    void setWeight(const QString &id, int weight);
    int weight(const QString &id) const;

    // The mitra becomes available, at its remembered pass but never behind the virtual time:
    // a newcomer, or a mitra back from a long absence, gets no burst of offers, and one that
    // flaps keeps its place. Joining an available mitra changes nothing.
    void join(const QString &id);
    // The mitra is no longer available; its pass is remembered for join. Idempotent.
    void leave(const QString &id);

    // The k available mitras with the lowest pass, skipping `exclude`, in that order; each
    // one's pass advances by 1/weight and the virtual time becomes the last one's old pass.
    // A batch never holds a mitra twice, so shares follow the weights for k = 1 (and for k
    // well below the number of mitras); with k >= N everyone is in every batch.
    QStringList pick(int k, const QStringList &exclude = {});

    bool contains(const QString &id) const;
    qsizetype size() const { return qsizetype(m_order.size()); }
    // Every available mitra, the next one first. O(N): for tests.
    QStringList order() const;
    // An available mitra's pass (its score in hb:wrr:pass).
    std::optional<double> passOf(const QString &id) const;
    // hb:wrr:vtime.
    double virtualTime() const { return m_virtualTime; }

private:
    std::set<std::pair<double, QByteArray>> m_order;
    QHash<QByteArray, double> m_passes;     // available mitra -> pass
    QHash<QByteArray, double> m_remembered; // the hash field wrr_pass of mitras that left
    QHash<QByteArray, int> m_weights;
    double m_virtualTime = 0;
};

} // namespace hb::pairing
