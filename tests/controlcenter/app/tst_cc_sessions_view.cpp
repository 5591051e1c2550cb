// Rerouting sessions as staff do it: a drag through the model's mime data, a drag and drop
// through the tree view itself (drag events on its viewport), and "Reroute to…" from the
// keyboard. Checks the exact session.reroute sent, the success note, and the refusal path: the
// session stays where it was, is shown and highlighted, and the server's reason is displayed.
#include "UiHarness.h"
#include "ViewDrag.h"
#include "app/MessageBar.h"
#include "app/ViewPage.h"
#include "app/sessions/RerouteDialog.h"
#include "app/sessions/SessionBoardProxy.h"
#include "app/sessions/SessionsView.h"
#include "core/SessionDragData.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QTableView>
#include <QTimer>
#include <QTreeView>

using namespace hb::ui;
using namespace hb::ui::test;
using Board = hb::cc::SessionBoardModel;

class TestSessionsView : public QObject
{
    Q_OBJECT

    std::unique_ptr<UiHarness> h;

    SessionsView *view() const { return h->window->sessionsView(); }
    QTreeView *tree() const { return view()->tree(); }

    QModelIndex mitraRow(const QString &mitraId) const
    {
        return view()->proxy()->mapFromSource(h->models.sessionBoard()->mitraIndex(mitraId));
    }
    QModelIndex sessionRow(const QString &sessionId) const
    {
        return view()->proxy()->mapFromSource(h->models.sessionBoard()->sessionIndex(sessionId));
    }
    QString mitraOf(const QString &sessionId) const
    {
        return h->models.sessionBoard()->sessionIndex(sessionId).data(Board::MitraIdRole).toString();
    }

    // The server answers a reroute by moving the session (like the backend does).
    void answerReroutesWithSuccess()
    {
        h->server.answers.insert(QStringLiteral("session.reroute"), [](const QJsonObject &message) {
            const QString sessionId = message.value(QStringLiteral("session_id")).toString();
            const QString to = message.value(QStringLiteral("to_mitra_id")).toString();
            QJsonObject session;
            for (const auto &value : sampleSessions()) {
                if (value.toObject().value(QStringLiteral("id")).toString() == sessionId)
                    session = value.toObject();
            }
            session.insert(QStringLiteral("mitra"),
                           QJsonObject{{QStringLiteral("id"), to}, {QStringLiteral("name"), QStringLiteral("Dewi")}});
            return std::optional<QJsonObject>(QJsonObject{
                {QStringLiteral("type"), QStringLiteral("session.rerouted")},
                {QStringLiteral("session"), session}});
        });
    }

    void answerReroutesWithRefusal(const QString &code, const QString &message)
    {
        h->server.answers.insert(QStringLiteral("session.reroute"), [code, message](const QJsonObject &) {
            return std::optional<QJsonObject>(errorReply(code, message));
        });
    }

    Qt::DropAction dragThroughView(const QModelIndex &session, const QModelIndex &target)
    {
        return dragOnto(tree(), session, target);
    }

private slots:
    void initTestCase() { isolateSettings(); }

    void init()
    {
        h = std::make_unique<UiHarness>();
        QVERIFY(h->listen());
        h->window->resize(1366, 768);
        h->window->show();
        h->window->showView(MainWindow::Sessions);
        QVERIFY(QTest::qWaitForWindowExposed(h->window.get()));
    }

    void cleanup() { h.reset(); }

    void groupsSessionsByMitra()
    {
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QAbstractItemModelTester tester(view()->proxy(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(view()->proxy()->rowCount(mitraRow(QStringLiteral("m-1"))), 2);
        QCOMPARE(view()->proxy()->rowCount(mitraRow(QStringLiteral("m-3"))), 4);
        QVERIFY(tree()->isExpanded(mitraRow(QStringLiteral("m-1"))));
        // The count above the tree is the board's (counted once the update is complete).
        QTRY_COMPARE(view()->findChild<QLabel *>(QStringLiteral("sessionSummary"))->text(),
                     QStringLiteral("7 sessions with 4 mitras"));
        // Awaiting payment and active read differently, with their icons.
        QCOMPARE(sessionRow(QStringLiteral("s-2")).siblingAtColumn(Board::StateColumn).data().toString(),
                 QStringLiteral("Awaiting payment"));
        QVERIFY(!sessionRow(QStringLiteral("s-2")).data(Qt::DecorationRole).isNull());
        // Filtering by customer keeps the mitra above it.
        auto *filter = view()->findChild<QLineEdit *>(QStringLiteral("sessionFilter"));
        QTest::keyClicks(filter, QStringLiteral("gita"));
        QCOMPARE(view()->proxy()->rowCount(), 1);
        QCOMPARE(view()->proxy()->index(0, 0).data(Board::MitraIdRole).toString(), QStringLiteral("m-4"));
    }

    void reroutesThroughMimeData()
    {
        answerReroutesWithSuccess();
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QAbstractItemModel *model = tree()->model();
        const QModelIndex session = sessionRow(QStringLiteral("s-1"));
        QVERIFY(model->flags(session) & Qt::ItemIsDragEnabled);
        std::unique_ptr<QMimeData> mime(model->mimeData({session}));
        QVERIFY(mime);
        const auto drag = hb::cc::SessionDragData::fromMimeData(mime.get());
        QVERIFY(drag);
        QCOMPARE(drag->sessionId, QStringLiteral("s-1"));
        QCOMPARE(drag->fromMitraId, QStringLiteral("m-1"));

        // Onto its own mitra: refused before anything is sent.
        QVERIFY(!model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, mitraRow(QStringLiteral("m-1"))));
        // Onto Dewi.
        const QModelIndex dewi = mitraRow(QStringLiteral("m-2"));
        QVERIFY(model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, dewi));
        QVERIFY(model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, dewi));

        QTRY_COMPARE(h->server.count(QStringLiteral("session.reroute")), 1);
        const QJsonObject sent = h->server.ofType(QStringLiteral("session.reroute")).constFirst();
        QCOMPARE(sent.value(QStringLiteral("session_id")).toString(), QStringLiteral("s-1"));
        QCOMPARE(sent.value(QStringLiteral("to_mitra_id")).toString(), QStringLiteral("m-2"));
        // Confirmed: it is with Dewi now, and staff are told.
        QTRY_COMPARE(mitraOf(QStringLiteral("s-1")), QStringLiteral("m-2"));
        QTRY_COMPARE(view()->messageBar()->kind(), MessageBar::Kind::Positive);
        QVERIFY(view()->messageBar()->text().contains(QStringLiteral("Dewi")));
    }

    void reroutesByDraggingInTheView()
    {
        answerReroutesWithSuccess();
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QCOMPARE(tree()->dragDropMode(), QAbstractItemView::DragDrop);
        const QModelIndex session = sessionRow(QStringLiteral("s-5"));
        const QModelIndex dewi = mitraRow(QStringLiteral("m-2"));
        tree()->scrollTo(dewi);
        QCOMPARE(dragThroughView(session, dewi), Qt::MoveAction);

        QTRY_COMPARE(h->server.count(QStringLiteral("session.reroute")), 1);
        const QJsonObject sent = h->server.ofType(QStringLiteral("session.reroute")).constFirst();
        QCOMPARE(sent.value(QStringLiteral("session_id")).toString(), QStringLiteral("s-5"));
        QCOMPARE(sent.value(QStringLiteral("to_mitra_id")).toString(), QStringLiteral("m-2"));
        QTRY_COMPARE(mitraOf(QStringLiteral("s-5")), QStringLiteral("m-2"));
    }

    void dropOnAnotherSessionMeansItsMitra()
    {
        answerReroutesWithSuccess();
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        // Dropping onto one of Sari's sessions moves it to Sari.
        QCOMPARE(dragThroughView(sessionRow(QStringLiteral("s-7")), sessionRow(QStringLiteral("s-1"))),
                 Qt::MoveAction);
        QTRY_COMPARE(h->server.count(QStringLiteral("session.reroute")), 1);
        QCOMPARE(h->server.ofType(QStringLiteral("session.reroute"))
                     .constFirst()
                     .value(QStringLiteral("to_mitra_id"))
                     .toString(),
                 QStringLiteral("m-1"));
    }

    void refusedDropSnapsBackWithTheReason()
    {
        answerReroutesWithRefusal(QStringLiteral("mitra_offline"), QStringLiteral("mitra m-4 is offline"));
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        const QModelIndex rina = mitraRow(QStringLiteral("m-4"));
        QCOMPARE(dragThroughView(sessionRow(QStringLiteral("s-3")), rina), Qt::MoveAction);
        QTRY_COMPARE(h->server.count(QStringLiteral("session.reroute")), 1);

        QTRY_COMPARE(view()->messageBar()->kind(), MessageBar::Kind::Error);
        const QString text = view()->messageBar()->text();
        QVERIFY2(text.contains(QStringLiteral("Cici")) && text.contains(QStringLiteral("Rina"))
                     && text.contains(QStringLiteral("offline"))
                     && text.contains(QStringLiteral("mitra m-4 is offline")),
                 qPrintable(text));
        // Snapped back: still with Budi, not pending, selected and highlighted where it is.
        QCOMPARE(mitraOf(QStringLiteral("s-3")), QStringLiteral("m-3"));
        const QModelIndex back = sessionRow(QStringLiteral("s-3"));
        QVERIFY(!back.data(Board::ReroutePendingRole).toBool());
        QCOMPARE(tree()->currentIndex().data(Board::SessionIdRole).toString(), QStringLiteral("s-3"));
        QCOMPARE(view()->proxy()->flashedSession(), QStringLiteral("s-3"));
        QVERIFY(back.data(Qt::BackgroundRole).isValid());
    }

    void capacityFullIsExplained()
    {
        answerReroutesWithRefusal(QStringLiteral("capacity_full"), QStringLiteral("mitra m-1 is at capacity"));
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        QVERIFY(h->models.sessionBoard()->requestReroute(QStringLiteral("s-7"), QStringLiteral("m-1")));
        QTRY_COMPARE(view()->messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY(view()->messageBar()->text().contains(QStringLiteral("capacity")));
        QCOMPARE(mitraOf(QStringLiteral("s-7")), QStringLiteral("m-4"));
    }

    void reroutesFromTheKeyboard()
    {
        answerReroutesWithSuccess();
        HB_SIGN_IN(*h, QStringLiteral("ayu"));
        tree()->setFocus();
        tree()->setCurrentIndex(sessionRow(QStringLiteral("s-2")));
        QVERIFY(view()->rerouteAction()->isEnabled());
        // What the dialog offered, checked after it closed (it is modal: the test answers it
        // from the event loop, and a failing check there must not leave it open).
        QString first;
        QMap<QString, bool> pickable;
        connect(view(), &SessionsView::rerouteDialogShown, this, [&](QDialog *shown) {
            auto *reroute = qobject_cast<RerouteDialog *>(shown);
            QTimer::singleShot(0, reroute, [&, reroute] {
                first = reroute->selectedMitraId();
                QAbstractItemModel *targets = reroute->table()->model();
                for (int row = 0; row < targets->rowCount(); ++row) {
                    const QModelIndex index = targets->index(row, 0);
                    pickable.insert(index.data(hb::cc::MitraTableModel::MitraIdRole).toString(),
                                    index.flags() & Qt::ItemIsEnabled);
                }
                // Typing filters; Enter moves it to the highlighted mitra.
                auto *filter = reroute->findChild<QLineEdit *>(QStringLiteral("rerouteFilter"));
                QTest::keyClicks(filter, QStringLiteral("dew"));
                QTest::keyClick(filter, Qt::Key_Return);
                if (reroute->isVisible())
                    reroute->reject();
            });
        });
        QTest::keySequence(tree(), QKeySequence(Qt::CTRL | Qt::Key_R));
        // The least busy mitra that can take it comes first: Dewi (0/3). Budi (over capacity)
        // and Rina (offline) are listed but cannot be picked; Sari, its own, is not listed.
        QCOMPARE(first, QStringLiteral("m-2"));
        QCOMPARE(pickable.size(), 3);
        QVERIFY(!pickable.contains(QStringLiteral("m-1")));
        QCOMPARE(pickable.value(QStringLiteral("m-2")), true);
        QCOMPARE(pickable.value(QStringLiteral("m-3")), false);
        QCOMPARE(pickable.value(QStringLiteral("m-4")), false);
        QTRY_COMPARE(h->server.count(QStringLiteral("session.reroute")), 1);
        const QJsonObject sent = h->server.ofType(QStringLiteral("session.reroute")).constFirst();
        QCOMPARE(sent.value(QStringLiteral("session_id")).toString(), QStringLiteral("s-2"));
        QCOMPARE(sent.value(QStringLiteral("to_mitra_id")).toString(), QStringLiteral("m-2"));
    }

    void viewerCannotReroute()
    {
        HB_SIGN_IN(*h, QStringLiteral("vina"));
        const QModelIndex session = sessionRow(QStringLiteral("s-1"));
        QVERIFY(!(tree()->model()->flags(session) & Qt::ItemIsDragEnabled));
        tree()->setCurrentIndex(session);
        QVERIFY(!view()->rerouteAction()->isEnabled());
        QCOMPARE(view()->rerouteAction()->toolTip(), ViewPage::viewerReason());
        // Even a crafted drop is refused by the model and nothing is sent.
        QCOMPARE(dragThroughView(session, mitraRow(QStringLiteral("m-2"))), Qt::IgnoreAction);
        const int lists = h->server.count(QStringLiteral("sessions.list"));
        h->client.refreshLists();
        QTRY_VERIFY(h->server.count(QStringLiteral("sessions.list")) > lists);
        QCOMPARE(h->server.count(QStringLiteral("session.reroute")), 0);
    }
};

QTEST_MAIN(TestSessionsView)
#include "tst_cc_sessions_view.moc"
