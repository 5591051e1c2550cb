#include "pairing/BroadcastPick.h"
#include "pairing/RoundRobinRotation.h"
#include "pairing/Strategy.h"
#include "pairing/WeightedRotation.h"

#include <QHash>
#include <QSet>
#include <QTest>
#include <cmath>

using namespace hb::pairing;

namespace {

QStringList ids(std::initializer_list<const char *> names)
{
    QStringList out;
    for (const char *name : names)
        out.append(QString::fromLatin1(name));
    return out;
}

template <typename Rotation> void joinAll(Rotation &rotation, const QStringList &mitras)
{
    for (const QString &id : mitras)
        rotation.join(id);
}

} // namespace

// The in-memory mirrors of lib/rotation.lua: round robin, weighted (stride scheduling) and
// broadcast picks. tst_pick_scripts proves the Lua makes the same choices.
class TestPairingStrategies : public QObject
{
    Q_OBJECT

private slots:
    void strategyNames();

    void roundRobinIsARotation_data();
    void roundRobinIsARotation();
    void roundRobinBatch();
    void roundRobinExclusion();
    void roundRobinOrdersTiesByUtf8Bytes();
    void roundRobinJoinsAtTheBack();
    void roundRobinFlappingKeepsPlace();
    void joinAndLeaveAreIdempotent();

    void weightedShares_data();
    void weightedShares();
    void weightedSmoothness();
    void weightedExclusion();
    void weightedNewcomerGetsNoBurst();
    void weightedFlappingKeepsPlace();
    void weightIsClamped();

    void broadcastUncapped();
    void broadcastCappedRotates();
    void broadcastCapCountsOnlyCandidates();
};

void TestPairingStrategies::strategyNames()
{
    for (Strategy s : {Strategy::Broadcast, Strategy::RoundRobin, Strategy::WeightedRoundRobin}) {
        const std::optional<Strategy> back = strategyFromString(toString(s));
        QVERIFY(back.has_value());
        QCOMPARE(toString(*back), toString(s));
    }
    QCOMPARE(toString(Strategy::Broadcast), QStringLiteral("broadcast"));
    QCOMPARE(toString(Strategy::RoundRobin), QStringLiteral("round_robin"));
    QCOMPARE(toString(Strategy::WeightedRoundRobin), QStringLiteral("weighted_round_robin"));
    QVERIFY(!strategyFromString(QStringLiteral("Broadcast")).has_value());
    QVERIFY(!strategyFromString(QStringLiteral("round-robin")).has_value());
    QVERIFY(!strategyFromString(QString()).has_value());
}

void TestPairingStrategies::roundRobinIsARotation_data()
{
    QTest::addColumn<int>("k");
    QTest::newRow("one at a time") << 1;
    QTest::newRow("batches of 3") << 3;
    QTest::newRow("batches of 7") << 7;
}

// Every available mitra is offered once before anyone is offered twice: any N consecutive
// offers (across batch boundaries) are N different mitras.
void TestPairingStrategies::roundRobinIsARotation()
{
    QFETCH(int, k);
    const QStringList mitras = ids({"m1", "m2", "m3", "m4", "m5", "m6", "m7"});
    RoundRobinRotation rotation;
    joinAll(rotation, mitras);

    QStringList offers;
    for (int i = 0; i < 30; ++i) {
        const QStringList batch = rotation.pick(k);
        QCOMPARE(batch.size(), qsizetype(k));
        QCOMPARE(QSet<QString>(batch.cbegin(), batch.cend()).size(), qsizetype(k));
        offers += batch;
    }
    for (qsizetype start = 0; start + mitras.size() <= offers.size(); ++start) {
        const QStringList window = offers.mid(start, mitras.size());
        QCOMPARE(QSet<QString>(window.cbegin(), window.cend()).size(), mitras.size());
    }
    QCOMPARE(offers.mid(0, 7), mitras);
}

void TestPairingStrategies::roundRobinBatch()
{
    RoundRobinRotation rotation;
    joinAll(rotation, ids({"a", "b", "c", "d", "e"}));
    QCOMPARE(rotation.pick(2), ids({"a", "b"}));
    QCOMPARE(rotation.pick(2), ids({"c", "d"}));
    QCOMPARE(rotation.pick(2), ids({"e", "a"}));
    QCOMPARE(rotation.order(), ids({"b", "c", "d", "e", "a"}));
    // More than available: everyone, once, in rotation order.
    QCOMPARE(rotation.pick(10), ids({"b", "c", "d", "e", "a"}));
    QVERIFY(rotation.pick(0).isEmpty());
    QVERIFY(rotation.pick(-1).isEmpty());
    QCOMPARE(rotation.order(), ids({"b", "c", "d", "e", "a"}));
    QVERIFY(RoundRobinRotation().pick(3).isEmpty());
}

void TestPairingStrategies::roundRobinExclusion()
{
    RoundRobinRotation rotation;
    joinAll(rotation, ids({"a", "b", "c", "d", "e"}));
    // Excluded mitras are skipped but keep their place at the front.
    QCOMPARE(rotation.pick(2, ids({"a", "c", "nobody", "a"})), ids({"b", "d"}));
    QCOMPARE(rotation.order(), ids({"a", "c", "e", "b", "d"}));
    QCOMPARE(rotation.pick(1), ids({"a"}));
    // Everyone excluded: nothing picked, nothing moves.
    QVERIFY(rotation.pick(3, rotation.order()).isEmpty());
    QCOMPARE(rotation.order(), ids({"c", "e", "b", "d", "a"}));
    QCOMPARE(rotation.pick(5, ids({"e", "b", "d"})), ids({"c", "a"}));
}

// Valkey orders equal scores by the members' bytes, so the mirror compares UTF-8, not QString's
// UTF-16: they disagree on U+E000 against U+10000 (UTF-16 puts the surrogate pair first).
void TestPairingStrategies::roundRobinOrdersTiesByUtf8Bytes()
{
    const QString privateUse = QString(QChar(0xE000));
    const QString astral = QString::fromUcs4(U"\U00010000");
    RoundRobinRotation rotation;
    joinAll(rotation, {privateUse, astral, QStringLiteral("b"), QStringLiteral("B"),
                       QStringLiteral("a10"), QStringLiteral("a2")});
    QCOMPARE(rotation.order(),
             QStringList({QStringLiteral("B"), QStringLiteral("a10"), QStringLiteral("a2"),
                          QStringLiteral("b"), privateUse, astral}));
}

void TestPairingStrategies::roundRobinJoinsAtTheBack()
{
    RoundRobinRotation rotation;
    joinAll(rotation, ids({"a", "b", "c", "d", "e"}));
    QCOMPARE(rotation.pick(2), ids({"a", "b"}));
    rotation.join(QStringLiteral("z"));
    // z is offered only after everyone who was waiting when it joined.
    QCOMPARE(rotation.pick(3), ids({"c", "d", "e"}));
    QCOMPARE(rotation.order().indexOf(QStringLiteral("z")), 2);
    QCOMPARE(rotation.pick(3), ids({"a", "b", "z"}));

    // A newcomer ties with the most recently picked mitra (same turn); ids decide between
    // the two, as in Valkey.
    rotation.join(QStringLiteral("0"));
    QCOMPARE(rotation.turnOf(QStringLiteral("0")), rotation.turnOf(QStringLiteral("z")));
    QCOMPARE(rotation.order(), ids({"c", "d", "e", "a", "b", "0", "z"}));
}

void TestPairingStrategies::roundRobinFlappingKeepsPlace()
{
    RoundRobinRotation rotation;
    joinAll(rotation, ids({"a", "b", "c", "d", "e"}));
    QCOMPARE(rotation.pick(2), ids({"a", "b"}));
    QCOMPARE(rotation.order(), ids({"c", "d", "e", "a", "b"}));
    rotation.leave(QStringLiteral("d"));
    QCOMPARE(rotation.order(), ids({"c", "e", "a", "b"}));
    rotation.join(QStringLiteral("d"));
    QCOMPARE(rotation.order(), ids({"c", "d", "e", "a", "b"}));

    // Away while others were picked: back at its old turn, so it is next (it is owed one).
    rotation.leave(QStringLiteral("d"));
    QCOMPARE(rotation.pick(3), ids({"c", "e", "a"}));
    rotation.join(QStringLiteral("d"));
    QCOMPARE(rotation.order(), ids({"d", "b", "c", "e", "a"}));
}

void TestPairingStrategies::joinAndLeaveAreIdempotent()
{
    RoundRobinRotation rr;
    WeightedRotation wrr;
    const QStringList mitras = ids({"a", "b", "c"});
    joinAll(rr, mitras);
    joinAll(wrr, mitras);
    rr.pick(2);
    wrr.pick(2);
    const QStringList rrOrder = rr.order();
    const QStringList wrrOrder = wrr.order();
    const std::optional<qint64> turnA = rr.turnOf(QStringLiteral("a"));
    const std::optional<double> passA = wrr.passOf(QStringLiteral("a"));

    joinAll(rr, mitras);
    joinAll(wrr, mitras);
    QCOMPARE(rr.order(), rrOrder);
    QCOMPARE(wrr.order(), wrrOrder);
    QCOMPARE(rr.turnOf(QStringLiteral("a")), turnA);
    QCOMPARE(wrr.passOf(QStringLiteral("a")), passA);
    QCOMPARE(rr.counter(), 2);

    for (int i = 0; i < 2; ++i) {
        rr.leave(QStringLiteral("a"));
        wrr.leave(QStringLiteral("a"));
        rr.leave(QStringLiteral("never-joined"));
        wrr.leave(QStringLiteral("never-joined"));
    }
    QVERIFY(!rr.contains(QStringLiteral("a")));
    QVERIFY(!wrr.contains(QStringLiteral("a")));
    QCOMPARE(rr.size(), 2);
    QCOMPARE(wrr.size(), 2);
    rr.join(QStringLiteral("a"));
    wrr.join(QStringLiteral("a"));
    QCOMPARE(rr.order(), rrOrder);
    QCOMPARE(wrr.order(), wrrOrder);
    QCOMPARE(rr.turnOf(QStringLiteral("a")), turnA);
    QCOMPARE(wrr.passOf(QStringLiteral("a")), passA);
}

void TestPairingStrategies::weightedShares_data()
{
    QTest::addColumn<QList<int>>("weights");
    QTest::newRow("1,2,3,4") << QList<int>{1, 2, 3, 4};
    QTest::newRow("1 vs 10") << QList<int>{1, 10};
    QTest::newRow("equal") << QList<int>{1, 1, 1};
    QTest::newRow("mixed") << QList<int>{5, 1, 1, 3, 7, 2};
}

// Over 10,000 single picks each mitra's share is its weight's share, within 5 %.
void TestPairingStrategies::weightedShares()
{
    QFETCH(QList<int>, weights);
    WeightedRotation rotation;
    int total = 0;
    for (qsizetype i = 0; i < weights.size(); ++i) {
        const QString id = QStringLiteral("m%1").arg(i);
        rotation.setWeight(id, weights[i]);
        rotation.join(id);
        total += weights[i];
    }
    constexpr int kPicks = 10000;
    QHash<QString, int> count;
    for (int i = 0; i < kPicks; ++i) {
        const QStringList batch = rotation.pick(1);
        QCOMPARE(batch.size(), 1);
        ++count[batch.first()];
    }
    for (qsizetype i = 0; i < weights.size(); ++i) {
        const double expected = double(kPicks) * weights[i] / total;
        const int got = count.value(QStringLiteral("m%1").arg(i));
        QVERIFY2(std::abs(got - expected) <= 0.05 * expected,
                 qPrintable(QStringLiteral("m%1 (weight %2): %3 picks, expected %4")
                                .arg(i)
                                .arg(weights[i])
                                .arg(got)
                                .arg(expected)));
    }
}

// Stride scheduling interleaves: a mitra of weight w among total weight W is picked about
// every W/w picks, never after a long drought followed by a burst.
void TestPairingStrategies::weightedSmoothness()
{
    const QList<int> weights{1, 2, 3, 4, 10};
    const int total = 20;
    WeightedRotation rotation;
    for (qsizetype i = 0; i < weights.size(); ++i) {
        rotation.setWeight(QStringLiteral("m%1").arg(i), weights[i]);
        rotation.join(QStringLiteral("m%1").arg(i));
    }
    QHash<QString, int> last;
    QHash<QString, int> maxGap;
    for (int step = 0; step < 2000; ++step) {
        const QString id = rotation.pick(1).first();
        if (last.contains(id))
            maxGap[id] = std::max(maxGap.value(id), step - last.value(id));
        last[id] = step;
    }
    for (qsizetype i = 0; i < weights.size(); ++i) {
        const QString id = QStringLiteral("m%1").arg(i);
        // Between two of its picks every other mitra j can be picked at most about
        // w_j / w_i + 1 times (the +1: passes tie at whole numbers and ids break the tie),
        // hence this bound; with weights 1,2,3,4,10 the gaps seen are 22, 12, 9, 7, 5.
        const int bound = int(std::ceil(double(total) / weights[i])) + int(weights.size());
        QVERIFY2(maxGap.value(id) <= bound, qPrintable(QStringLiteral("%1 (weight %2): gap %3 > %4")
                                                           .arg(id)
                                                           .arg(weights[i])
                                                           .arg(maxGap.value(id))
                                                           .arg(bound)));
    }
}

void TestPairingStrategies::weightedExclusion()
{
    WeightedRotation rotation;
    joinAll(rotation, ids({"a", "b", "c"}));
    rotation.setWeight(QStringLiteral("a"), 4);
    QCOMPARE(rotation.pick(2, ids({"a"})), ids({"b", "c"}));
    QCOMPARE(rotation.passOf(QStringLiteral("a")), 0.0);
    QCOMPARE(rotation.virtualTime(), 0.0);
    QCOMPARE(rotation.pick(1), ids({"a"}));
    QCOMPARE(rotation.passOf(QStringLiteral("a")), 0.25);
    QVERIFY(rotation.pick(2, ids({"a", "b", "c"})).isEmpty());
    QCOMPARE(rotation.pick(5), ids({"a", "b", "c"}));
    QVERIFY(rotation.pick(0).isEmpty());
}

void TestPairingStrategies::weightedNewcomerGetsNoBurst()
{
    WeightedRotation rotation;
    joinAll(rotation, ids({"a", "b"}));
    for (int i = 0; i < 1000; ++i)
        rotation.pick(1);
    rotation.join(QStringLiteral("c"));
    QCOMPARE(rotation.passOf(QStringLiteral("c")), rotation.virtualTime());
    QHash<QString, int> count;
    for (int i = 0; i < 30; ++i)
        ++count[rotation.pick(1).first()];
    QVERIFY2(count.value(QStringLiteral("c")) <= 11,
             qPrintable(QString::number(count.value(QStringLiteral("c")))));
    QVERIFY(count.value(QStringLiteral("c")) >= 9);
}

void TestPairingStrategies::weightedFlappingKeepsPlace()
{
    WeightedRotation rotation;
    joinAll(rotation, ids({"a", "b", "c"}));
    rotation.setWeight(QStringLiteral("c"), 2);
    rotation.pick(4); // a, b, c advance
    const std::optional<double> passC = rotation.passOf(QStringLiteral("c"));
    QCOMPARE(passC, 0.5);
    rotation.leave(QStringLiteral("c"));
    rotation.join(QStringLiteral("c"));
    QCOMPARE(rotation.passOf(QStringLiteral("c")), passC);
    QCOMPARE(rotation.order(), ids({"c", "a", "b"}));

    // Away for long: it comes back at the virtual time, not far behind everyone.
    rotation.leave(QStringLiteral("c"));
    for (int i = 0; i < 100; ++i)
        rotation.pick(1);
    rotation.join(QStringLiteral("c"));
    QCOMPARE(rotation.passOf(QStringLiteral("c")), rotation.virtualTime());
}

void TestPairingStrategies::weightIsClamped()
{
    WeightedRotation rotation;
    QCOMPARE(rotation.weight(QStringLiteral("a")), 1);
    rotation.setWeight(QStringLiteral("a"), 0);
    QCOMPARE(rotation.weight(QStringLiteral("a")), 1);
    rotation.setWeight(QStringLiteral("a"), -7);
    QCOMPARE(rotation.weight(QStringLiteral("a")), 1);
    rotation.setWeight(QStringLiteral("a"), 1000000);
    QCOMPARE(rotation.weight(QStringLiteral("a")), WeightedRotation::kMaxWeight);
    rotation.setWeight(QStringLiteral("a"), 7);
    QCOMPARE(rotation.weight(QStringLiteral("a")), 7);
}

void TestPairingStrategies::broadcastUncapped()
{
    RoundRobinRotation rotation;
    joinAll(rotation, ids({"a", "b", "c", "d"}));
    rotation.pick(1);
    const QStringList before = rotation.order();
    QCOMPARE(broadcastPick(rotation, 0), before);
    QCOMPARE(broadcastPick(rotation, 0, ids({"c", "x"})), ids({"b", "d", "a"}));
    QCOMPARE(rotation.order(), before); // an uncapped blast moves nobody
    QCOMPARE(rotation.counter(), 1);
    QVERIFY(broadcastPick(rotation, 0, before).isEmpty());
    RoundRobinRotation empty;
    QVERIFY(broadcastPick(empty, 0).isEmpty());
    QVERIFY(broadcastPick(empty, 3).isEmpty());
}

void TestPairingStrategies::broadcastCappedRotates()
{
    RoundRobinRotation rotation;
    const QStringList mitras = ids({"a", "b", "c", "d", "e", "f"});
    joinAll(rotation, mitras);
    QSet<QString> reached;
    for (int i = 0; i < 3; ++i) {
        const QStringList blast = broadcastPick(rotation, 2);
        QCOMPARE(blast.size(), 2);
        for (const QString &id : blast)
            reached.insert(id);
    }
    // Three capped blasts reached six different mitras: the cap rotates like round robin.
    QCOMPARE(reached.size(), 6);
    QCOMPARE(rotation.order(), mitras);
    QCOMPARE(broadcastPick(rotation, 4, ids({"a"})), ids({"b", "c", "d", "e"}));
}

// The cap applies to candidates, not to everyone available: 4 available, 2 excluded, cap 2
// means everyone left gets it and nothing rotates.
void TestPairingStrategies::broadcastCapCountsOnlyCandidates()
{
    RoundRobinRotation rotation;
    joinAll(rotation, ids({"a", "b", "c", "d"}));
    QCOMPARE(broadcastPick(rotation, 2, ids({"a", "c", "c", "zz"})), ids({"b", "d"}));
    QCOMPARE(rotation.counter(), 0);
    QCOMPARE(broadcastPick(rotation, 4), ids({"a", "b", "c", "d"}));
    QCOMPARE(rotation.counter(), 0);
    QCOMPARE(broadcastPick(rotation, 3, ids({"zz"})), ids({"a", "b", "c"}));
    QCOMPARE(rotation.order(), ids({"d", "a", "b", "c"}));
}

QTEST_GUILESS_MAIN(TestPairingStrategies)
#include "tst_pairing_strategies.moc"
