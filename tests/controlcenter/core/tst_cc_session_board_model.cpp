// The session board: mitras with their open sessions as a tree, kept in step with stats and
// session lists without resets; drag and drop asks for a reroute and moves nothing until the
// server confirms; a refusal leaves the tree as it was and reports the server's reason.
// Everything under QAbstractItemModelTester (Fatal).
#include "CcTestData.h"
#include "ModelSignalLog.h"
#include "core/SessionBoardModel.h"
#include "core/SessionDragData.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace hb;
using namespace hb::cc;
using namespace hb::cc::test;
using namespace Qt::StringLiterals;

namespace {

using Tester = QAbstractItemModelTester;

// "m-1[s-1,s-2] m-2[] ..." : the tree as text, for compact comparisons.
QString shape(const SessionBoardModel &model)
{
    QStringList parts;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex m = model.index(r, 0);
        QStringList children;
        for (int c = 0; c < model.rowCount(m); ++c)
            children.append(model.index(c, 0, m).data(SessionBoardModel::SessionIdRole).toString());
        parts.append(m.data(SessionBoardModel::MitraIdRole).toString() + u'[' +
                     children.join(u',') + u']');
    }
    return parts.join(u' ');
}

std::unique_ptr<QMimeData> dragOf(const SessionBoardModel &model, const QString &sessionId)
{
    return std::unique_ptr<QMimeData>(model.mimeData({model.sessionIndex(sessionId)}));
}

} // namespace

class TestSessionBoardModel : public QObject
{
    Q_OBJECT

    SessionBoardModel *m_model = nullptr;
    Tester *m_tester = nullptr;

    void fill()
    {
        m_model->applyStats(stats({mitra(u"m-1"_s, 2), mitra(u"m-2"_s, 1), mitra(u"m-3"_s, 0)}));
        m_model->applySessions({session(u"s-1"_s, u"m-1"_s, kT0), session(u"s-3"_s, u"m-2"_s, kT0 + 5),
                                session(u"s-2"_s, u"m-1"_s, kT0 + 10)});
    }

private slots:
    void init()
    {
        m_model = new SessionBoardModel;
        m_tester = new Tester(m_model, Tester::FailureReportingMode::Fatal);
        m_model->setDragEnabled(true);
    }

    void cleanup()
    {
        delete m_tester;
        delete m_model;
    }

    void buildsTheTree()
    {
        fill();
        QCOMPARE(shape(*m_model), u"m-1[s-1,s-2] m-2[s-3] m-3[]"_s);
        QCOMPARE(m_model->sessionCount(), 3);
        const QModelIndex s1 = m_model->sessionIndex(u"s-1"_s, SessionBoardModel::NameColumn);
        QCOMPARE(s1.data().toString(), u"Customer s-1"_s);
        QCOMPARE(s1.data(SessionBoardModel::KindRole).toInt(), 1);
        QCOMPARE(s1.data(SessionBoardModel::MitraIdRole).toString(), u"m-1"_s);
        QCOMPARE(s1.parent(), m_model->mitraIndex(u"m-1"_s));
        const QModelIndex m1 = m_model->mitraIndex(u"m-1"_s, SessionBoardModel::LoadColumn);
        QCOMPARE(m1.data().toString(), u"2 / 3"_s);
        QCOMPARE(m1.data(SessionBoardModel::KindRole).toInt(), 0);
        QVERIFY(m_model->sessionIndex(u"s-1"_s, SessionBoardModel::AgeColumn)
                    .data(SessionBoardModel::AgeMsRole).toLongLong() > 0);
        QCOMPARE(m_model->sessionIndex(u"s-1"_s, SessionBoardModel::StateColumn).data().toString(),
                 u"Active"_s);
    }

    void followsListsInPlace()
    {
        fill();
        ModelSignalLog log(m_model);
        QPersistentModelIndex keep = m_model->sessionIndex(u"s-1"_s);
        // s-2 ends, s-4 starts on m-1, s-3 moves to m-3, s-5 arrives on m-9 (not in stats yet).
        m_model->applySessions({session(u"s-1"_s, u"m-1"_s, kT0), session(u"s-3"_s, u"m-3"_s, kT0 + 5),
                                session(u"s-4"_s, u"m-1"_s, kT0 + 20),
                                session(u"s-5"_s, u"m-9"_s, kT0 + 30)});
        QCOMPARE(shape(*m_model), u"m-1[s-1,s-4] m-2[] m-3[s-3] m-9[s-5]"_s);
        QCOMPARE(log.resets, 0);
        QCOMPARE(log.layoutChanges, 0);
        QVERIFY(keep.isValid());
        QCOMPARE(keep.data(SessionBoardModel::SessionIdRole).toString(), u"s-1"_s);
        QCOMPARE(m_model->sessionCount(), 4);

        // A state change is a dataChanged on that row only.
        log.clear();
        m_model->applySessions({session(u"s-1"_s, u"m-1"_s, kT0, SessionState::AwaitingPayment),
                                session(u"s-3"_s, u"m-3"_s, kT0 + 5), session(u"s-4"_s, u"m-1"_s, kT0 + 20),
                                session(u"s-5"_s, u"m-9"_s, kT0 + 30)});
        QCOMPARE(log.structural(), 0);
        QCOMPARE(log.changes, 1);

        // m-9 was only known from its session: gone with it. m-2 stays (listed by stats).
        m_model->applySessions({session(u"s-1"_s, u"m-1"_s, kT0)});
        QCOMPARE(shape(*m_model), u"m-1[s-1] m-2[] m-3[]"_s);
        QCOMPARE(log.resets, 0);
    }

    void mitrasFollowStats()
    {
        fill();
        ModelSignalLog log(m_model);
        // m-2 goes offline but still serves s-3: it stays. m-3 leaves: removed. m-4 arrives.
        m_model->applyStats(stats({mitra(u"m-1"_s, 2), mitra(u"m-2"_s, 1, 3, false), mitra(u"m-4"_s)}));
        QCOMPARE(shape(*m_model), u"m-1[s-1,s-2] m-2[s-3] m-4[]"_s);
        QVERIFY(!m_model->mitraIndex(u"m-2"_s).data(SessionBoardModel::OnlineRole).toBool());
        QCOMPARE(log.resets, 0);
        // m-2 no longer listed but still has a session here: kept until the lists say otherwise.
        m_model->applyStats(stats({mitra(u"m-1"_s, 2), mitra(u"m-4"_s)}));
        QCOMPARE(shape(*m_model), u"m-1[s-1,s-2] m-2[s-3] m-4[]"_s);
        m_model->applySessions({session(u"s-1"_s, u"m-1"_s, kT0), session(u"s-2"_s, u"m-1"_s, kT0 + 10)});
        QCOMPARE(shape(*m_model), u"m-1[s-1,s-2] m-4[]"_s);
        // Over capacity shows on the mitra row.
        m_model->applyStats(stats({mitra(u"m-1"_s, 4, 2), mitra(u"m-4"_s)}));
        QVERIFY(m_model->mitraIndex(u"m-1"_s).data(SessionBoardModel::OverCapacityRole).toBool());
    }

    void dropOnAMitraAsksForAReroute()
    {
        fill();
        QSignalSpy asked(m_model, &SessionBoardModel::rerouteRequested);
        const auto mime = dragOf(*m_model, u"s-1"_s);
        QVERIFY(mime);
        QVERIFY(m_model->mimeTypes().contains(QString::fromLatin1(SessionDragData::kMimeType)));
        const auto drag = SessionDragData::fromMimeData(mime.get());
        QVERIFY(drag);
        QCOMPARE(drag->sessionId, u"s-1"_s);
        QCOMPARE(drag->fromMitraId, u"m-1"_s);

        const QString before = shape(*m_model);
        const QModelIndex m2 = m_model->mitraIndex(u"m-2"_s);
        QVERIFY(m_model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, m2));
        ModelSignalLog log(m_model);
        QVERIFY(m_model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, m2));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked[0][0].toString(), u"s-1"_s);
        QCOMPARE(asked[0][1].toString(), u"m-1"_s);
        QCOMPARE(asked[0][2].toString(), u"m-2"_s);
        // Nothing moved; the row shows the reroute is under way.
        QCOMPARE(shape(*m_model), before);
        QCOMPARE(log.structural(), 0);
        QVERIFY(m_model->sessionIndex(u"s-1"_s).data(SessionBoardModel::ReroutePendingRole).toBool());
        // A second drop of the same session while waiting is refused.
        QVERIFY(!m_model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1,
                                          m_model->mitraIndex(u"m-3"_s)));

        // The server confirms: the session moves (one move signal), the mark goes.
        Session moved = session(u"s-1"_s, u"m-2"_s, kT0);
        m_model->applyRerouted(moved);
        QCOMPARE(shape(*m_model), u"m-1[s-2] m-2[s-1,s-3] m-3[]"_s);
        QCOMPARE(log.moves, 1);
        QCOMPARE(log.resets, 0);
        QVERIFY(!m_model->sessionIndex(u"s-1"_s).data(SessionBoardModel::ReroutePendingRole).toBool());
        // The next list agrees: nothing more to do.
        log.clear();
        m_model->applySessions({session(u"s-1"_s, u"m-2"_s, kT0), session(u"s-3"_s, u"m-2"_s, kT0 + 5),
                                session(u"s-2"_s, u"m-1"_s, kT0 + 10)});
        QCOMPARE(log.structural() + log.changes, 0);
    }

    void dropTargets()
    {
        fill();
        const auto mime = dragOf(*m_model, u"s-1"_s);
        // On a session of another mitra: means that mitra.
        QSignalSpy asked(m_model, &SessionBoardModel::rerouteRequested);
        QVERIFY(m_model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1,
                                      m_model->sessionIndex(u"s-3"_s)));
        QCOMPARE(asked.last()[2].toString(), u"m-2"_s);
        m_model->rerouteRefused(u"s-1"_s, u"m-2"_s, RequestFailure{});

        // Between two children of m-3 (row given, parent m-3): m-3.
        QVERIFY(m_model->canDropMimeData(mime.get(), Qt::MoveAction, 0, 0, m_model->mitraIndex(u"m-3"_s)));
        // Between top-level rows: ambiguous, refused.
        QVERIFY(!m_model->canDropMimeData(mime.get(), Qt::MoveAction, 1, 0, QModelIndex()));
        // Onto its own mitra (or a sibling): nothing to do.
        QVERIFY(!m_model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, m_model->mitraIndex(u"m-1"_s)));
        QVERIFY(!m_model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, m_model->sessionIndex(u"s-2"_s)));
        // Foreign or broken data.
        QMimeData text;
        text.setText(u"s-1"_s);
        QVERIFY(!m_model->canDropMimeData(&text, Qt::MoveAction, -1, -1, m_model->mitraIndex(u"m-2"_s)));
        QMimeData broken;
        broken.setData(QString::fromLatin1(SessionDragData::kMimeType), "{\"session_id\":7}");
        QVERIFY(!m_model->dropMimeData(&broken, Qt::MoveAction, -1, -1, m_model->mitraIndex(u"m-2"_s)));
        // An unknown session (ended meanwhile).
        QMimeData gone;
        gone.setData(QString::fromLatin1(SessionDragData::kMimeType),
                     SessionDragData{u"s-99"_s, u"m-1"_s}.encode());
        QVERIFY(!m_model->dropMimeData(&gone, Qt::MoveAction, -1, -1, m_model->mitraIndex(u"m-2"_s)));
        // Viewers: no dragging, no dropping.
        m_model->setDragEnabled(false);
        QVERIFY(!(m_model->flags(m_model->sessionIndex(u"s-1"_s)) & Qt::ItemIsDragEnabled));
        QVERIFY(!m_model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, m_model->mitraIndex(u"m-2"_s)));
        m_model->setDragEnabled(true);
        QVERIFY(m_model->flags(m_model->sessionIndex(u"s-1"_s)) & Qt::ItemIsDragEnabled);
        QVERIFY(m_model->flags(m_model->mitraIndex(u"m-2"_s)) & Qt::ItemIsDropEnabled);
        // Mitra rows are not draggable.
        QVERIFY(!m_model->mimeData({m_model->mitraIndex(u"m-2"_s)}));
    }

    void refusalLeavesTheTreeAndSaysWhy()
    {
        fill();
        QVERIFY(m_model->requestReroute(u"s-1"_s, u"m-3"_s)); // the keyboard path
        QVERIFY(!m_model->requestReroute(u"s-1"_s, u"m-3"_s)); // already under way
        QVERIFY(!m_model->requestReroute(u"s-2"_s, u"m-1"_s)); // same mitra
        QVERIFY(!m_model->requestReroute(u"s-2"_s, u"m-77"_s)); // unknown mitra
        QSignalSpy failed(m_model, &SessionBoardModel::rerouteFailed);
        ModelSignalLog log(m_model);
        const QString before = shape(*m_model);
        m_model->rerouteRefused(u"s-1"_s, u"m-3"_s,
                                RequestFailure{RequestFailure::Kind::ServerError, ErrorCode::CapacityFull,
                                               u"capacity_full"_s, u"mitra m-3 is full"_s});
        QCOMPARE(shape(*m_model), before);
        QCOMPARE(log.structural(), 0);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].toString(), u"s-1"_s);
        QCOMPARE(failed[0][1].toString(), u"m-3"_s);
        const auto failure = failed[0][2].value<RequestFailure>();
        QVERIFY(failure.code == ErrorCode::CapacityFull);
        QCOMPARE(failure.message, u"mitra m-3 is full"_s);
        QVERIFY(!m_model->sessionIndex(u"s-1"_s).data(SessionBoardModel::ReroutePendingRole).toBool());
        // It can be tried again.
        QVERIFY(m_model->requestReroute(u"s-1"_s, u"m-3"_s));
    }

    void reroutedToAMitraNotShownYet()
    {
        fill();
        m_model->applyRerouted(session(u"s-3"_s, u"m-7"_s, kT0 + 5));
        QCOMPARE(shape(*m_model), u"m-1[s-1,s-2] m-2[] m-3[] m-7[s-3]"_s);
        // A reroute of a session the board did not know yet shows it.
        m_model->applyRerouted(session(u"s-8"_s, u"m-3"_s, kT0 + 50));
        QCOMPARE(shape(*m_model), u"m-1[s-1,s-2] m-2[] m-3[s-8] m-7[s-3]"_s);
        QCOMPARE(m_model->sessionCount(), 4);
    }

    void agesTick()
    {
        fill();
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        m_model->refreshAges();
        QCOMPARE(changed.size(), 2); // one per mitra with sessions
        const auto roles = changed[0][2].value<QList<int>>();
        QVERIFY(roles.contains(Qt::DisplayRole));
        QCOMPARE(changed[0][0].value<QModelIndex>().column(), int(SessionBoardModel::AgeColumn));
    }

    void clearEmpties()
    {
        fill();
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->sessionCount(), 0);
        fill();
        QCOMPARE(shape(*m_model), u"m-1[s-1,s-2] m-2[s-3] m-3[]"_s);
    }

    void twoThousandMitrasFiveThousandSessions()
    {
        QList<MitraStats> mitras;
        for (int i = 0; i < 2000; ++i)
            mitras.append(mitra(u"m-%1"_s.arg(i, 4, 10, QChar(u'0')), 0, 5));
        QList<Session> sessions;
        for (int i = 0; i < 5000; ++i)
            sessions.append(session(u"s-%1"_s.arg(i, 5, 10, QChar(u'0')), mitras[(i * 7) % 2000].id, kT0 + i));
        m_model->applyStats(stats(mitras));
        m_model->applySessions(sessions);
        QCOMPARE(m_model->rowCount(), 2000);
        QCOMPARE(m_model->sessionCount(), 5000);

        // A busy minute: 100 sessions end, 100 start, 50 change state, 20 move, 200 mitras change load.
        QList<Session> next = sessions.mid(100);
        for (int i = 0; i < 100; ++i)
            next.append(session(u"n-%1"_s.arg(i), mitras[(i * 13) % 2000].id, kT0 + 10000 + i));
        for (int i = 0; i < 50; ++i)
            next[i * 20].state = SessionState::AwaitingPayment;
        for (int i = 0; i < 20; ++i)
            next[i * 150 + 7].mitra = Party{mitras[(i * 31) % 2000].id, mitras[(i * 31) % 2000].name};
        QList<MitraStats> nextMitras = mitras;
        for (int i = 0; i < 2000; i += 10)
            nextMitras[i].activeSessions = 3;

        ModelSignalLog log(m_model);
        QElapsedTimer timer;
        timer.start();
        m_model->applyStats(stats(nextMitras));
        m_model->applySessions(next);
        const qint64 withTester = timer.elapsed();
        QCOMPARE(log.resets, 0);
        QCOMPARE(log.layoutChanges, 0);
        QCOMPARE(m_model->sessionCount(), 5000);
        QVERIFY2(log.structural() <= 100 + 100 + 20 * 2, qPrintable(QString::number(log.structural())));
        for (const Session &s : next) {
            const QModelIndex idx = m_model->sessionIndex(s.id);
            QVERIFY(idx.isValid());
            QCOMPARE(idx.parent().data(SessionBoardModel::MitraIdRole).toString(), s.mitra.id);
        }

        // The same update without the tester watching: what a view would cost.
        delete m_tester;
        m_tester = nullptr;
        timer.restart();
        m_model->applyStats(stats(mitras));
        m_model->applySessions(sessions);
        const qint64 plain = timer.elapsed();
        qInfo("2,000 mitras / 5,000 sessions, busy update: %lld ms under the tester, %lld ms plain",
              withTester, plain);
    }
};

QTEST_GUILESS_MAIN(TestSessionBoardModel)
#include "tst_cc_session_board_model.moc"
