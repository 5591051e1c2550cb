// Pending requests: in place from each list (oldest first), waited time from the server clock.
#include "CcTestData.h"
#include "ModelSignalLog.h"
#include "core/RequestListModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace hb;
using namespace hb::cc;
using namespace hb::cc::test;
using namespace Qt::StringLiterals;

class TestRequestListModel : public QObject
{
    Q_OBJECT

    static QStringList ids(const RequestListModel &model)
    {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r)
            out.append(model.index(r, 0).data(RequestListModel::RequestIdRole).toString());
        return out;
    }

private slots:
    void followsListsInPlace()
    {
        RequestListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        ModelSignalLog log(&model);
        model.applyRequests({request(u"r-1"_s, kT0), request(u"r-2"_s, kT0 + 10), request(u"r-3"_s, kT0 + 20)});
        QCOMPARE(ids(model), (QStringList{u"r-1"_s, u"r-2"_s, u"r-3"_s}));
        QCOMPARE(log.inserts, 1);

        // r-1 taken, r-2 offered to two more, r-4 and r-5 arrive.
        log.clear();
        model.applyRequests({request(u"r-2"_s, kT0 + 10, 2), request(u"r-3"_s, kT0 + 20),
                             request(u"r-4"_s, kT0 + 30), request(u"r-5"_s, kT0 + 40)});
        QCOMPARE(ids(model), (QStringList{u"r-2"_s, u"r-3"_s, u"r-4"_s, u"r-5"_s}));
        QCOMPARE(log.resets, 0);
        QCOMPARE(log.removes, 1);
        QCOMPARE(log.inserts, 1); // both new ones in one signal
        QCOMPARE(log.changes, 1);
        QCOMPARE(model.index(0, RequestListModel::OfferedToColumn).data().toInt(), 2);

        // Out of order from the server still ends up oldest first; a late older one goes on top.
        model.applyRequests({request(u"r-5"_s, kT0 + 40), request(u"r-0"_s, kT0 - 5), request(u"r-3"_s, kT0 + 20)});
        QCOMPARE(ids(model), (QStringList{u"r-0"_s, u"r-3"_s, u"r-5"_s}));
        model.applyRequests({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(log.resets, 0);
    }

    void waitedUsesTheServerClock()
    {
        RequestListModel model;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        model.applyRequests({request(u"r-1"_s, now - 65000)});
        const qint64 waited = model.index(0, 0).data(RequestListModel::WaitedMsRole).toLongLong();
        QVERIFY2(waited >= 65000 && waited < 75000, qPrintable(QString::number(waited)));
        QCOMPARE(model.index(0, RequestListModel::WaitedColumn).data().toString(), u"1 min"_s);
        // The server's clock is 10 minutes ahead of ours.
        model.setClockOffsetMs(10 * 60 * 1000);
        QVERIFY(model.longestWaitMs() >= 11 * 60 * 1000 - 1000);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refreshWaited();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].value<QModelIndex>().column(), int(RequestListModel::WaitedColumn));
    }
};

QTEST_GUILESS_MAIN(TestRequestListModel)
#include "tst_cc_request_list_model.moc"
