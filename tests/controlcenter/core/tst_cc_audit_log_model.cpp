// The audit log: first page, older pages through fetchMore, newer entries on top on reload,
// filters, and answers that no longer apply ignored.
#include "ModelSignalLog.h"
#include "core/AuditLogModel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace hb;
using namespace hb::cc;
using hb::cc::test::ModelSignalLog;
using namespace Qt::StringLiterals;

namespace {

AuditEntry entry(qint64 id, const QString &action = u"capacity_set"_s)
{
    AuditEntry e;
    e.id = id;
    e.atMs = 1775402269123 + id * 1000;
    e.actorId = u"staff_1"_s;
    e.actorName = u"Ayu"_s;
    e.action = action;
    e.target = u"m-1"_s;
    e.before = QJsonObject{{u"max_customers"_s, 3}, {u"capacity_source"_s, u"global"_s}};
    e.after = QJsonObject{{u"max_customers"_s, 5}, {u"capacity_source"_s, u"mitra"_s}};
    e.address = u"10.0.0.7"_s;
    return e;
}

// Entries from `newest` down, `count` of them.
servermsg::Audit page(qint64 newest, int count, bool more)
{
    servermsg::Audit a;
    a.more = more;
    for (int i = 0; i < count; ++i)
        a.entries.append(entry(newest - i));
    return a;
}

} // namespace

class TestAuditLogModel : public QObject
{
    Q_OBJECT

private slots:
    void pagesThroughTheLog()
    {
        AuditLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(3);
        QSignalSpy asked(&model, &AuditLogModel::pageRequested);
        QVERIFY(!model.canFetchMore({}));
        model.reload();
        QCOMPARE(asked.size(), 1);
        QVERIFY(!asked[0][0].value<std::optional<qint64>>());
        QCOMPARE(asked[0][2].toInt(), 3);
        model.reload(); // one at a time
        QCOMPARE(asked.size(), 1);

        model.applyPage(std::nullopt, QString(), page(100, 3, true));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data(AuditLogModel::EntryIdRole).toLongLong(), 100);
        QCOMPARE(model.index(0, AuditLogModel::DetailsColumn).data().toString(),
                 u"capacity_source: global → mitra, max_customers: 3 → 5"_s);
        QCOMPARE(model.index(0, AuditLogModel::ActorColumn).data().toString(), u"Ayu"_s);

        // Views (and the tester) call fetchMore when they reach the end: the next page is asked
        // for once, before the oldest entry shown.
        if (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(asked.size(), 2);
        QCOMPARE(asked[1][0].value<std::optional<qint64>>(), std::optional<qint64>(98));
        QVERIFY(model.isLoading());
        QVERIFY(!model.canFetchMore({})); // one in flight
        model.fetchMore({});
        QCOMPARE(asked.size(), 2);
        ModelSignalLog log(&model);
        model.applyPage(98, QString(), page(97, 3, false));
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.index(5, 0).data(AuditLogModel::EntryIdRole).toLongLong(), 95);
        QVERIFY(!model.canFetchMore({})); // the end
        QCOMPARE(log.resets, 0);

        // Two new entries since: on top, the rest kept.
        model.reload();
        QCOMPARE(asked.size(), 3);
        model.applyPage(std::nullopt, QString(), page(102, 3, true));
        QCOMPARE(model.rowCount(), 8);
        QCOMPARE(model.index(0, 0).data(AuditLogModel::EntryIdRole).toLongLong(), 102);
        QCOMPARE(model.index(2, 0).data(AuditLogModel::EntryIdRole).toLongLong(), 100);
        QCOMPARE(log.resets, 0);

        // A failed request can be asked again.
        model.reload();
        QCOMPARE(asked.size(), 4);
        model.reload();
        QCOMPARE(asked.size(), 4); // still waiting
        model.pageFailed(std::nullopt, QString());
        model.reload();
        QCOMPARE(asked.size(), 5);
    }

    void aValueSetToWhatItWasStillShowsIt()
    {
        AuditLogModel model;
        model.reload();
        servermsg::Audit a;
        AuditEntry same = entry(9);
        same.target.clear(); // the default capacity, set to the value it already had
        same.before = QJsonObject{{u"max_customers"_s, 3}};
        same.after = QJsonObject{{u"max_customers"_s, 3}};
        a.entries = {same};
        model.applyPage(std::nullopt, QString(), a);
        QCOMPARE(model.index(0, AuditLogModel::DetailsColumn).data().toString(),
                 u"max_customers: 3 (unchanged)"_s);
    }

    void filterStartsOver()
    {
        AuditLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy asked(&model, &AuditLogModel::pageRequested);
        model.reload();
        model.applyPage(std::nullopt, QString(), page(50, 10, true));
        model.setActionFilter(u"login_failed"_s);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(asked.last()[1].toString(), u"login_failed"_s);
        // A late answer for the old filter does not mix in.
        model.applyPage(40, QString(), page(39, 5, true));
        QCOMPARE(model.rowCount(), 0);
        servermsg::Audit failed;
        failed.entries = {entry(7, u"login_failed"_s)};
        failed.entries[0].actorId.clear();
        failed.entries[0].before = QJsonValue(QJsonValue::Undefined);
        failed.entries[0].after = QJsonValue(QJsonValue::Undefined);
        model.applyPage(std::nullopt, u"login_failed"_s, failed);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, AuditLogModel::ActorColumn).data().toString(), u"(anonymous)"_s);
        QCOMPARE(model.index(0, AuditLogModel::DetailsColumn).data().toString(), QString());
    }

    void aGapStartsFromTheNewestPage()
    {
        AuditLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(3);
        model.reload();
        model.applyPage(std::nullopt, QString(), page(10, 3, true));
        model.reload();
        // Three newer entries and more beyond: we cannot know what lies between 11 and 10.
        QSignalSpy asked(&model, &AuditLogModel::pageRequested);
        model.applyPage(std::nullopt, QString(), page(20, 3, true));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2, 0).data(AuditLogModel::EntryIdRole).toLongLong(), 18);
        // Older entries come again from 18 down (asked by the tester's fetchMore, or ours).
        if (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked[0][0].value<std::optional<qint64>>(), std::optional<qint64>(18));
    }
};

QTEST_GUILESS_MAIN(TestAuditLogModel)
#include "tst_cc_audit_log_model.moc"
