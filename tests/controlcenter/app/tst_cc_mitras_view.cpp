// The mitras table as staff use it: capacity edited in place through the view and its
// delegate (the exact capacity.set sent), reset to the default, the global default applied
// from its box, refusals shown, filters, and everything a viewer may not do disabled with a
// tooltip saying why.
#include "UiHarness.h"
#include "app/MessageBar.h"
#include "app/ViewPage.h"
#include "app/mitras/CapacityDelegate.h"
#include "app/mitras/GlobalCapacityBox.h"
#include "app/mitras/MitraFilterProxy.h"
#include "app/mitras/MitrasView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>

using namespace hb::ui;
using namespace hb::ui::test;
using Model = hb::cc::MitraTableModel;

class TestMitrasView : public QObject
{
    Q_OBJECT

    std::unique_ptr<UiHarness> h;

    MitrasView *view() const { return h->window->mitrasView(); }

    QModelIndex cell(const QString &mitraId, int column) const
    {
        MitraFilterProxy *proxy = view()->proxy();
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const QModelIndex index = proxy->index(row, column);
            if (index.data(Model::MitraIdRole).toString() == mitraId)
                return index;
        }
        return {};
    }

    // Opens the capacity editor on a mitra's cell the way a double-click or F2 would.
    QSpinBox *openEditor(const QString &mitraId)
    {
        QTableView *table = view()->table();
        const QModelIndex index = cell(mitraId, Model::MaxCustomersColumn);
        table->setCurrentIndex(index);
        table->edit(index);
        return table->viewport()->findChild<QSpinBox *>(QStringLiteral("capacityEditor"));
    }

    // Enter in the editor commits it, as staff would.
    static void commit(QSpinBox *spin) { QTest::keyClick(spin, Qt::Key_Return); }

private slots:
    void initTestCase() { isolateSettings(); }

    void init()
    {
        h = std::make_unique<UiHarness>();
        QVERIFY(h->listen());
        h->window->resize(1366, 768);
        h->window->show();
        h->window->showView(MainWindow::Mitras);
        QVERIFY(QTest::qWaitForWindowExposed(h->window.get()));
    }

    void cleanup() { h.reset(); }

    void showsEveryMitraWithLoadAndHighlight()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QAbstractItemModelTester tester(view()->proxy(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(view()->proxy()->rowCount(), 4);
        // Over capacity: red background and the warning dot, and the tooltip explains it.
        const QModelIndex budi = cell(QStringLiteral("m-3"), Model::NameColumn);
        QVERIFY(budi.data(Qt::BackgroundRole).isValid());
        QVERIFY(budi.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Over capacity")));
        QVERIFY(!cell(QStringLiteral("m-1"), Model::NameColumn).data(Qt::BackgroundRole).isValid());
        // Since when, in words.
        QVERIFY(cell(QStringLiteral("m-1"), Model::StatusSinceColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("since ")));
        QCOMPARE(cell(QStringLiteral("m-1"), Model::CapacitySourceColumn).data().toString(),
                 QStringLiteral("default (3)"));
        QCOMPARE(cell(QStringLiteral("m-3"), Model::CapacitySourceColumn).data().toString(),
                 QStringLiteral("own setting"));
        // The global default arrived in its box.
        QCOMPARE(view()->globalCapacity()->spinBox()->value(), 3);
    }

    void filtersByTextAndStatus()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        auto *filter = view()->findChild<QLineEdit *>(QStringLiteral("mitraFilter"));
        QTest::keyClicks(filter, QStringLiteral("sa"));
        QCOMPARE(view()->proxy()->rowCount(), 1);
        QCOMPARE(view()->proxy()->index(0, 0).data().toString(), QStringLiteral("Sari"));
        filter->clear();
        auto *status = view()->findChild<QComboBox *>(QStringLiteral("mitraStatusFilter"));
        status->setCurrentIndex(int(MitraFilterProxy::StatusFilter::OverCapacity));
        QCOMPARE(view()->proxy()->rowCount(), 1);
        QCOMPARE(view()->proxy()->index(0, 0).data(Model::MitraIdRole).toString(), QStringLiteral("m-3"));
        status->setCurrentIndex(int(MitraFilterProxy::StatusFilter::Offline));
        QCOMPARE(view()->proxy()->rowCount(), 1);
        QCOMPARE(view()->proxy()->index(0, 0).data(Model::MitraIdRole).toString(), QStringLiteral("m-4"));
    }

    void sortsByLoadNumerically()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        view()->table()->sortByColumn(Model::ActiveSessionsColumn, Qt::DescendingOrder);
        QCOMPARE(view()->proxy()->index(0, 0).data(Model::MitraIdRole).toString(), QStringLiteral("m-3"));
        QCOMPARE(view()->proxy()->index(3, 0).data(Model::MitraIdRole).toString(), QStringLiteral("m-2"));
    }

    void editsCapacityInPlace()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QSpinBox *spin = openEditor(QStringLiteral("m-1"));
        QVERIFY(spin);
        // Sari follows the default: the editor starts at "Default (3)".
        QCOMPARE(spin->value(), CapacityDelegate::kDefaultValue);
        QCOMPARE(spin->text(), QStringLiteral("Default (3)"));
        spin->selectAll();
        QTest::keyClicks(spin, QStringLiteral("5"));
        commit(spin);

        QTRY_COMPARE(h->server.count(QStringLiteral("capacity.set")), 1);
        const QJsonObject sent = h->server.ofType(QStringLiteral("capacity.set")).constFirst();
        QCOMPARE(sent.value(QStringLiteral("scope")).toString(), QStringLiteral("mitra"));
        QCOMPARE(sent.value(QStringLiteral("mitra_id")).toString(), QStringLiteral("m-1"));
        QCOMPARE(sent.value(QStringLiteral("max_customers")).toInt(), 5);
        // Staff see that it is on its way.
        QVERIFY(view()->messageBar()->text().contains(QStringLiteral("Sari")));
    }

    void resetsCapacityToTheDefault()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        // Budi has his own capacity (3); the lowest step of the editor gives him the default.
        QSpinBox *spin = openEditor(QStringLiteral("m-3"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 3);
        spin->setValue(spin->minimum());
        commit(spin);
        QTRY_COMPARE(h->server.count(QStringLiteral("capacity.set")), 1);
        const QJsonObject sent = h->server.ofType(QStringLiteral("capacity.set")).constFirst();
        QCOMPARE(sent.value(QStringLiteral("mitra_id")).toString(), QStringLiteral("m-3"));
        QVERIFY(sent.value(QStringLiteral("max_customers")).isNull());

        // The context-menu way does the same for Rina.
        view()->selectMitra(QStringLiteral("m-4"));
        QVERIFY(view()->resetCapacityAction()->isEnabled());
        view()->resetCapacityAction()->trigger();
        QTRY_COMPARE(h->server.count(QStringLiteral("capacity.set")), 2);
        QCOMPARE(h->server.ofType(QStringLiteral("capacity.set")).at(1).value(QStringLiteral("mitra_id")).toString(),
                 QStringLiteral("m-4"));
    }

    void unchangedEditorSendsNothing()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QSpinBox *spin = openEditor(QStringLiteral("m-1"));
        QVERIFY(spin);
        commit(spin);
        // Let anything that would be sent arrive: a list refresh round trip is enough.
        const int lists = h->server.count(QStringLiteral("sessions.list"));
        h->client.refreshLists();
        QTRY_VERIFY(h->server.count(QStringLiteral("sessions.list")) > lists);
        QCOMPARE(h->server.count(QStringLiteral("capacity.set")), 0);
    }

    void refusedCapacityIsExplained()
    {
        h->server.answers.insert(QStringLiteral("capacity.set"), [](const QJsonObject &) {
            return std::optional<QJsonObject>(
                errorReply(QStringLiteral("not_found"), QStringLiteral("no such mitra")));
        });
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QSpinBox *spin = openEditor(QStringLiteral("m-2"));
        QVERIFY(spin);
        spin->setValue(7);
        commit(spin);
        QTRY_COMPARE(view()->messageBar()->kind(), MessageBar::Kind::Error);
        const QString text = view()->messageBar()->text();
        QVERIFY2(text.contains(QStringLiteral("Dewi")) && text.contains(QStringLiteral("no such mitra")),
                 qPrintable(text));
        // The cell still shows the server's value.
        QCOMPARE(cell(QStringLiteral("m-2"), Model::MaxCustomersColumn).data(Model::MaxCustomersRole).toInt(), 3);
    }

    void appliesTheGlobalDefault()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        GlobalCapacityBox *box = view()->globalCapacity();
        QVERIFY(box->spinBox()->isEnabled());
        QVERIFY(!box->applyButton()->isEnabled()); // nothing changed yet
        box->spinBox()->setValue(4);
        QVERIFY(box->applyButton()->isEnabled());
        // A stats push meanwhile must not overwrite what is being typed.
        QSignalSpy pushed(&h->client, &hb::cc::ControlClient::statsReceived);
        QJsonObject stats = h->server.statsBody;
        stats.insert(QStringLiteral("type"), QStringLiteral("stats"));
        h->server.push(stats);
        QVERIFY(pushed.wait(2000));
        QCOMPARE(box->spinBox()->value(), 4);
        QTest::mouseClick(box->applyButton(), Qt::LeftButton);
        QTRY_COMPARE(h->server.count(QStringLiteral("capacity.set")), 1);
        const QJsonObject sent = h->server.ofType(QStringLiteral("capacity.set")).constFirst();
        QCOMPARE(sent.value(QStringLiteral("scope")).toString(), QStringLiteral("global"));
        QCOMPARE(sent.value(QStringLiteral("max_customers")).toInt(), 4);
        QTRY_COMPARE(view()->messageBar()->kind(), MessageBar::Kind::Positive);
    }

    void viewerCannotChangeAnything()
    {
        HB_SIGN_IN(*h, QStringLiteral("vina"));
        const QModelIndex index = cell(QStringLiteral("m-1"), Model::MaxCustomersColumn);
        QVERIFY(!(index.flags() & Qt::ItemIsEditable));
        view()->table()->setCurrentIndex(index);
        view()->table()->edit(index);
        QVERIFY(!view()->table()->viewport()->findChild<QSpinBox *>(QStringLiteral("capacityEditor")));

        view()->selectMitra(QStringLiteral("m-3"));
        for (QAction *action : {view()->editCapacityAction(), view()->resetCapacityAction(),
                                view()->forceOfflineAction()}) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
            QCOMPARE(action->toolTip(), ViewPage::viewerReason());
        }
        GlobalCapacityBox *box = view()->globalCapacity();
        QVERIFY(!box->spinBox()->isEnabled());
        QVERIFY(!box->applyButton()->isEnabled());
        QCOMPARE(box->applyButton()->toolTip(), ViewPage::viewerReason());
    }
};

QTEST_MAIN(TestMitrasView)
#include "tst_cc_mitras_view.moc"
