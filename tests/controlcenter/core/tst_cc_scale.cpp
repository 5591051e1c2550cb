// What one stats push and one sessions list cost at 2,000 mitras / 5,000 sessions, from the
// frame's bytes to the models (parse + in-place update), without a view. Prints figures; the
// checks are only that nothing was reset and the models hold what was sent.
#include "CcTestData.h"
#include "ModelSignalLog.h"
#include "core/DashboardHistory.h"
#include "core/MitraTableModel.h"
#include "core/SessionBoardModel.h"
#include "protocol/ServerMessageParser.h"
#include "protocol/ServerMessages.h"

#include <QElapsedTimer>
#include <QTest>

using namespace hb;
using namespace hb::cc;
using namespace hb::cc::test;
using namespace Qt::StringLiterals;

class TestScale : public QObject
{
    Q_OBJECT

private slots:
    void pushesAtFullSize()
    {
        QList<MitraStats> mitras;
        for (int i = 0; i < 2000; ++i)
            mitras.append(mitra(u"m-%1"_s.arg(i, 4, 10, QChar(u'0')), (i * 3) % 5, 4, i % 10 != 0));
        QList<Session> sessions;
        for (int i = 0; i < 5000; ++i)
            sessions.append(session(u"s-%1"_s.arg(i, 5, 10, QChar(u'0')), mitras[(i * 7) % 2000].id, kT0 + i));
        const QByteArray statsFrame = encode(serverMessage::stats(stats(mitras)));
        const QByteArray sessionsFrame = encode(serverMessage::sessions(sessions));

        MitraTableModel table;
        SessionBoardModel board;
        DashboardHistory history;
        history.setAutoSample(false);
        ModelSignalLog tableLog(&table);
        ModelSignalLog boardLog(&board);

        // First load.
        QElapsedTimer t;
        t.start();
        const auto s = parseServerMessage(statsFrame);
        const qint64 parseStats = t.restart();
        QVERIFY(s.ok());
        table.applyStats(*s.message->getIf<StatsSnapshot>());
        board.applyStats(*s.message->getIf<StatsSnapshot>());
        history.addStats(*s.message->getIf<StatsSnapshot>());
        const qint64 applyStats = t.restart();
        const auto l = parseServerMessage(sessionsFrame);
        const qint64 parseSessions = t.restart();
        QVERIFY(l.ok());
        board.applySessions(l.message->getIf<servermsg::Sessions>()->sessions);
        const qint64 applySessions = t.restart();
        QCOMPARE(table.rowCount(), 2000);
        QCOMPARE(board.sessionCount(), 5000);

        // A typical push after a change: 20 mitras differ; the list: 10 sessions end, 10 start.
        for (int i = 0; i < 20; ++i)
            mitras[i * 97].activeSessions = (mitras[i * 97].activeSessions + 1) % 5;
        QList<Session> next = sessions.mid(10);
        for (int i = 0; i < 10; ++i)
            next.append(session(u"n-%1"_s.arg(i), mitras[i * 11].id, kT0 + 9000 + i));
        const QByteArray statsFrame2 = encode(serverMessage::stats(stats(mitras)));
        const QByteArray sessionsFrame2 = encode(serverMessage::sessions(next));
        tableLog.clear();
        boardLog.clear();
        t.restart();
        const auto s2 = parseServerMessage(statsFrame2);
        table.applyStats(*s2.message->getIf<StatsSnapshot>());
        board.applyStats(*s2.message->getIf<StatsSnapshot>());
        history.addStats(*s2.message->getIf<StatsSnapshot>(), QDateTime::currentMSecsSinceEpoch() + 10000);
        const qint64 push = t.restart();
        const auto l2 = parseServerMessage(sessionsFrame2);
        board.applySessions(l2.message->getIf<servermsg::Sessions>()->sessions);
        const qint64 list = t.restart();
        QCOMPARE(tableLog.resets + boardLog.resets, 0);
        QCOMPARE(tableLog.changes, 20);
        QCOMPARE(boardLog.rowsRemoved, 10);
        QCOMPARE(boardLog.rowsInserted, 10);
        QCOMPARE(board.sessionCount(), 5000);

        qInfo("frames: stats %lld KiB, sessions %lld KiB", qint64(statsFrame.size() / 1024),
              qint64(sessionsFrame.size() / 1024));
        qInfo("first load: parse stats %lld ms, apply stats (table+board+history) %lld ms, "
              "parse sessions %lld ms, apply sessions %lld ms",
              parseStats, applyStats, parseSessions, applySessions);
        qInfo("steady state: stats push parse+apply %lld ms (20 dataChanged), sessions list "
              "parse+apply %lld ms (10 removed, 10 inserted)",
              push, list);
    }
};

QTEST_GUILESS_MAIN(TestScale)
#include "tst_cc_scale.moc"
