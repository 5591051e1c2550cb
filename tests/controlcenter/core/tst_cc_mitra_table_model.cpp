// The mitra table: rows follow stats pushes in place (adds, removes, changes, reorders), the
// capacity cell asks the server instead of changing itself, and 2,000 mitras update without a
// reset. Every step runs under QAbstractItemModelTester in Fatal mode.
#include "CcTestData.h"
#include "ModelSignalLog.h"
#include "core/MitraTableModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;
using namespace hb::cc;
using namespace hb::cc::test;

class TestMitraTableModel : public QObject
{
    Q_OBJECT

    static QStringList ids(const MitraTableModel &model)
    {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r)
            out.append(model.index(r, 0).data(MitraTableModel::MitraIdRole).toString());
        return out;
    }

private slots:
    void followsStatsInPlace()
    {
        MitraTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        ModelSignalLog log(&model);

        model.applyStats(stats({mitra(u"m-1"_s, 1), mitra(u"m-2"_s, 2), mitra(u"m-3"_s, 0)}));
        QCOMPARE(ids(model), (QStringList{u"m-1"_s, u"m-2"_s, u"m-3"_s}));
        QCOMPARE(log.inserts, 1); // one batch

        // m-2 leaves, m-4 arrives, m-1 changes; the server's order differs from ours.
        log.clear();
        model.applyStats(stats({mitra(u"m-4"_s, 1), mitra(u"m-3"_s, 0), mitra(u"m-1"_s, 3)}));
        QCOMPARE(ids(model), (QStringList{u"m-1"_s, u"m-3"_s, u"m-4"_s}));
        QCOMPARE(log.resets, 0);
        QCOMPARE(log.removes, 1);
        QCOMPARE(log.inserts, 1);
        QCOMPARE(log.changes, 1); // only m-1
        QCOMPARE(model.index(0, MitraTableModel::ActiveSessionsColumn).data().toInt(), 3);
        QCOMPARE(model.rowOf(u"m-4"_s), 2);
        QCOMPARE(model.rowOf(u"m-2"_s), -1);

        // The same snapshot again (a repeated push) reports nothing.
        log.clear();
        model.applyStats(stats({mitra(u"m-4"_s, 1), mitra(u"m-3"_s, 0), mitra(u"m-1"_s, 3)}));
        QCOMPARE(log.structural() + log.changes, 0);

        // Everyone goes, then comes back.
        model.applyStats(stats({}));
        QCOMPARE(model.rowCount(), 0);
        model.applyStats(stats({mitra(u"m-9"_s), mitra(u"m-8"_s)}));
        QCOMPARE(ids(model), (QStringList{u"m-9"_s, u"m-8"_s}));
        QCOMPARE(log.resets, 0);
    }

    void removesContiguousRunsInOneSignal()
    {
        MitraTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QList<MitraStats> all;
        for (int i = 0; i < 10; ++i)
            all.append(mitra(QStringLiteral("m-%1").arg(i)));
        model.applyStats(stats(all));
        ModelSignalLog log(&model);
        // Drop 2..4 and 7: two runs.
        QList<MitraStats> kept = all;
        kept.removeAt(7);
        kept.remove(2, 3);
        model.applyStats(stats(kept));
        QCOMPARE(log.removes, 2);
        QCOMPARE(log.rowsRemoved, 4);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(ids(model), (QStringList{u"m-0"_s, u"m-1"_s, u"m-5"_s, u"m-6"_s, u"m-8"_s, u"m-9"_s}));
    }

    void rolesAndDisplay()
    {
        MitraTableModel model;
        MitraStats over = mitra(u"m-1"_s, 5, 3, true, CapacitySource::Mitra);
        MitraStats off = mitra(u"m-2"_s, 1, 4, false);
        off.statusSinceMs.reset();
        model.applyStats(stats({over, off}));
        const QModelIndex a = model.index(0, MitraTableModel::NameColumn);
        QVERIFY(a.data(MitraTableModel::OverCapacityRole).toBool());
        QVERIFY(a.data(MitraTableModel::OnlineRole).toBool());
        QVERIFY(a.data(MitraTableModel::HasOverrideRole).toBool());
        QCOMPARE(a.data(MitraTableModel::LoadRole).toDouble(), 5.0 / 3.0);
        QCOMPARE(a.data(MitraTableModel::StatusSinceRole).toLongLong(), kT0);
        QVERIFY(!a.data(Qt::ToolTipRole).toString().isEmpty());
        const QModelIndex b = model.index(1, MitraTableModel::StatusSinceColumn);
        QVERIFY(!b.data(MitraTableModel::StatusSinceRole).isValid());
        QCOMPARE(b.data(MitraTableModel::SortRole).toLongLong(), -1);
        QCOMPARE(model.index(1, MitraTableModel::StatusColumn).data().toString(),
                 QStringLiteral("Offline"));
        QCOMPARE(model.index(1, MitraTableModel::StatusColumn).data(MitraTableModel::SortRole).toInt(), 0);
        QCOMPARE(model.index(0, MitraTableModel::CapacitySourceColumn).data().toString(),
                 QStringLiteral("Own setting"));
    }

    void capacityEditAsksTheServer()
    {
        MitraTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.applyStats(stats({mitra(u"m-1"_s, 1, 3), mitra(u"m-2"_s, 1, 6, true, CapacitySource::Mitra)}));
        QSignalSpy asked(&model, &MitraTableModel::capacityChangeRequested);
        const QModelIndex cell = model.index(0, MitraTableModel::MaxCustomersColumn);

        // Viewers: not editable, nothing asked.
        QVERIFY(!(model.flags(cell) & Qt::ItemIsEditable));
        QVERIFY(!model.setData(cell, 5));
        QCOMPARE(asked.size(), 0);

        model.setEditable(true);
        QVERIFY(model.flags(cell) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(0, MitraTableModel::NameColumn)) & Qt::ItemIsEditable));
        ModelSignalLog log(&model);
        QVERIFY(model.setData(cell, 5));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked[0][0].toString(), u"m-1"_s);
        QCOMPARE(asked[0][1].value<std::optional<int>>(), std::optional<int>(5));
        // The cell still shows the server's value, and nothing was reported changed.
        QCOMPARE(cell.data().toInt(), 3);
        QCOMPARE(log.changes, 0);

        // Text from a line edit works too; out of range and garbage are refused.
        QVERIFY(model.setData(cell, QStringLiteral(" 7 ")));
        QCOMPARE(asked.last()[1].value<std::optional<int>>(), std::optional<int>(7));
        QVERIFY(!model.setData(cell, 1001));
        QVERIFY(!model.setData(cell, -1));
        QVERIFY(!model.setData(cell, QStringLiteral("many")));
        QCOMPARE(asked.size(), 2);

        // Empty means back to the global default, only for a mitra with its own setting.
        QVERIFY(!model.setData(cell, QString()));
        const QModelIndex own = model.index(1, MitraTableModel::MaxCustomersColumn);
        QVERIFY(model.setData(own, QVariant()));
        QCOMPARE(asked.size(), 3);
        QCOMPARE(asked.last()[0].toString(), u"m-2"_s);
        QVERIFY(!asked.last()[1].value<std::optional<int>>().has_value());

        // The server's stats bring the change.
        model.applyStats(stats({mitra(u"m-1"_s, 1, 5, true, CapacitySource::Mitra),
                                mitra(u"m-2"_s, 1, 3)}));
        QCOMPARE(cell.data().toInt(), 5);
        QCOMPARE(log.changes, 1);
    }

    void twoThousandMitrasUpdateInPlace()
    {
        MitraTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QList<MitraStats> all;
        for (int i = 0; i < 2000; ++i)
            all.append(mitra(QStringLiteral("m-%1").arg(i, 4, 10, QLatin1Char('0')), i % 4, 3));
        model.applyStats(stats(all));
        QCOMPARE(model.rowCount(), 2000);

        ModelSignalLog log(&model);
        // A busy push: 50 mitras change load, 5 leave, 5 arrive.
        QList<MitraStats> next = all;
        for (int i = 0; i < 2000; i += 40)
            next[i].activeSessions = (next[i].activeSessions + 1) % 4;
        for (int i = 0; i < 5; ++i)
            next.removeAt(100 + i * 300);
        for (int i = 0; i < 5; ++i)
            next.append(mitra(QStringLiteral("n-%1").arg(i)));
        QElapsedTimer timer;
        timer.start();
        model.applyStats(stats(next));
        const qint64 ms = timer.elapsed();
        QCOMPARE(log.resets, 0);
        QCOMPARE(log.layoutChanges, 0);
        QCOMPARE(log.rowsRemoved, 5);
        QCOMPARE(log.rowsInserted, 5);
        QCOMPARE(log.inserts, 1);
        QVERIFY2(log.changes <= 50, qPrintable(QString::number(log.changes)));
        QCOMPARE(model.rowCount(), 2000);
        qInfo("2,000 mitras, busy push: %lld ms, %d dataChanged", ms, log.changes);

        // Every row still matches its id.
        for (const MitraStats &m : next) {
            const int row = model.rowOf(m.id);
            QVERIFY(row >= 0);
            QCOMPARE(model.mitraAt(row), m);
        }
    }
};

QTEST_GUILESS_MAIN(TestMitraTableModel)
#include "tst_cc_mitra_table_model.moc"
