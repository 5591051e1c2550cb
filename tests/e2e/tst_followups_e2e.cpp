// End to end: follow-ups that survive a lost reply. A decision's reply from Valkey can come
// after the backend gave up on it (its command timeout): the mitra (or the ender) is told
// `unavailable`, yet the script runs. The apps here do not retry: whatever they learn comes
// from the follow-up the script recorded, completed by an instance's sweep.
//
// How a reply gets lost here: Valkey is kept busy (a script of the test's own) for longer than
// the backend's command timeout (2 s) while the backend's script waits behind it. The backend
// gives up, drops the connection (no reply for a whole timeout) and says `unavailable`; Valkey,
// once free, reads what the connection sent before it notices the close (up to 16 KiB at a
// time: the backends sweep at the production interval here, so the script is in that first
// read), runs the script, and its reply goes nowhere. A `CLIENT PAUSE ... WRITE` does not do that: Valkey drops a paused client's
// queued command when its connection closes, so the script never runs (last test).
//
// Covers (issue 11, done-when 3): a late reply during `offer.accept` still brings the customer
// `pairing.found` and `session.started` and the mitra `session.assigned` (and the losers
// `offer.closed`); a late reply during `session.end` still brings both parties
// `session.ended` (and the slot it freed brings a waiting request to the mitra); in both,
// PostgreSQL agrees and the mitra's `active` count is right. And a paused write that is dropped
// whole leaves nothing half done.
#include "PairingHarness.h"

#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace hb::test;

namespace {

constexpr int A = 0; // backend inst-a
constexpr int B = 1; // backend inst-b
// Longer than the backend's Valkey command timeout (2 s) plus the time to see Valkey busy: the
// reply comes after the backend gave up.
constexpr int kBusyMs = 4000;
constexpr int kPauseMs = 3500;
// Done-when 3: both parties told within 10 s of the pause ending.
constexpr int kToldWithinMs = 10000;

QJsonObject withRequest(const char *type, const QString &rid)
{
    return msg(type, {{QStringLiteral("request_id"), rid}});
}

QJsonObject withSession(const char *type, const QString &sid)
{
    return msg(type, {{QStringLiteral("session_id"), sid}});
}

// Heartbeats stall while Valkey is busy: a generous timeout keeps the mitras online.
PairingSettings followUpSettings()
{
    PairingSettings s;
    s.heartbeatTimeoutS = 20;
    // The production default (the e2e default is 100 ms): fewer commands queue behind the
    // stalled script, so Valkey reads it before it sees the connection closed.
    s.extra.insert(QStringLiteral("HALOBESTIE_SWEEP_INTERVAL_MS"), QStringLiteral("1000"));
    return s;
}

// A script that keeps Valkey busy for ARGV[1] ms (nothing else runs meanwhile).
const char *const kBusyScript =
    "local function ms() local t = redis.call('TIME') "
    "return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end "
    "local stop = ms() + tonumber(ARGV[1]) repeat until ms() >= stop return 1";

} // namespace

class TestFollowUpsE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    PairingHarness m_h{m_stack};

    // PostgreSQL's record of a session: "state|end_reason|its last mitra".
    QString pgSession(const QString &sid) const
    {
        return m_h.sqlText(
            QStringLiteral("select s.state, coalesce(s.end_reason, ''), (select a.mitra_id from "
                           "session_assignments a where a.session_id = s.id order by "
                           "a.assigned_at desc limit 1) from sessions s where s.id = %1")
                .arg(PairingHarness::quoted(sid)));
    }

    // Every client's writes (scripts included) wait for `ms` from now; reads go on.
    void pauseWrites(int ms)
    {
        const QByteArray out = m_stack.valkey(
            {QStringLiteral("CLIENT"), QStringLiteral("PAUSE"), QString::number(ms),
             QStringLiteral("WRITE")});
        QVERIFY2(out.trimmed() == "OK", out.constData());
    }

    // True if Valkey does not answer a PING within 300 ms (a script of ours is running).
    bool valkeyBusy()
    {
        QProcess ping;
        ping.start(QStringLiteral("redis-cli"),
                   {QStringLiteral("-p"), QString::number(m_stack.valkeyServer().port()),
                    QStringLiteral("PING")});
        if (ping.waitForFinished(300))
            return false;
        ping.kill();
        ping.waitForFinished(1000);
        return true;
    }

    // Sends `message` from `app` while Valkey is busy for kBusyMs and requires the
    // `unavailable` a lost reply gives. Returns once Valkey is free again (*busyEnd, ms since
    // the epoch); the app does not retry.
    void sendIntoLostReply(AppClient &app, const QJsonObject &message, qint64 *busyEnd)
    {
        QProcess busy;
        busy.start(QStringLiteral("redis-cli"),
                   {QStringLiteral("-p"), QString::number(m_stack.valkeyServer().port()),
                    QStringLiteral("EVAL"), QLatin1String(kBusyScript), QStringLiteral("0"),
                    QString::number(kBusyMs)});
        QVERIFY(busy.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(valkeyBusy(), 2000);
        HB_CALL_ERROR(app, message, QStringList{QStringLiteral("unavailable")});
        QTRY_VERIFY_WITH_TIMEOUT(busy.state() == QProcess::NotRunning, kBusyMs + 2000);
        QCOMPARE(busy.readAllStandardOutput().trimmed(), QByteArray("1"));
        *busyEnd = nowMs();
    }

    // What is left of the time the parties must be told within (at least 1 ms: the message
    // may be queued already).
    static int msLeft(qint64 toldBy) { return int(std::max<qint64>(1, toldBy - nowMs())); }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
    }

    void cleanup()
    {
        const QString problems = m_h.stop();
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void acceptWhoseReplyIsLost()
    {
        HB_START(followUpSettings());
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A, QStringLiteral("Rina"));
        HB_MITRA(winner, QStringLiteral("m-1"), B, true, QStringLiteral("Sari"));
        HB_MITRA(loser, QStringLiteral("m-2"), A, true, QStringLiteral("Dewi"));
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        HB_TAKE(offer, *winner, expect("offer", "request_id", rid));
        HB_TAKE(offer2, *loser, expect("offer", "request_id", rid));

        qint64 busyEnd = 0;
        HB_DO(sendIntoLostReply(*winner, withRequest("offer.accept", rid), &busyEnd));
        const qint64 toldBy = busyEnd + kToldWithinMs;

        // Told by the follow-up, with no retry: the mitra its session, the customer the pairing
        // and the start, the other mitra that the request was taken.
        HB_TAKE_WITHIN(assigned, *winner, expect("session.assigned"), msLeft(toldBy));
        const QString sid = str(assigned, "session", "id");
        QVERIFY2(!sid.isEmpty(), qPrintable(compact(assigned)));
        HB_TAKE_WITHIN(found, *customer, expect("pairing.found", "request_id", rid),
                       msLeft(toldBy));
        QCOMPARE(str(found, "bestie", "id"), QStringLiteral("m-1"));
        HB_TAKE_WITHIN(started, *customer, expect("session.started", "session.id", sid),
                       msLeft(toldBy));
        HB_TAKE_WITHIN(mitraStarted, *winner, expect("session.started", "session.id", sid),
                       msLeft(toldBy));
        HB_TAKE_WITHIN(closed, *loser, expect("offer.closed", "request_id", rid),
                       msLeft(toldBy));
        QCOMPARE(str(closed, "reason"), QStringLiteral("taken"));

        // What they were told is the truth: PostgreSQL and the slot count agree.
        QTRY_COMPARE_WITH_TIMEOUT(pgSession(sid), QStringLiteral("active||m-1"), kWaitMs);
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 1);
        QCOMPARE(m_h.active(QStringLiteral("m-2")), 0);
        // Done once: the follow-up is gone.
        QTRY_COMPARE_WITH_TIMEOUT(m_h.zmembers(QStringLiteral("hb:followups")), QString(),
                                  kWaitMs);
    }

    void endWhoseReplyIsLost()
    {
        PairingSettings settings = followUpSettings();
        settings.maxCustomers = 1; // the session fills the mitra: its end frees the only slot
        HB_START(settings);
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(mitra, QStringLiteral("m-1"), B);
        HB_CUSTOMER(waiting, QStringLiteral("c-2"), A);
        Pairing p;
        HB_DO(pairUp(*customer, *mitra, &p));
        HB_TAKE(mitraStarted, *mitra, expect("session.started", "session.id", p.sessionId));
        QTRY_COMPARE_WITH_TIMEOUT(pgSession(p.sessionId), QStringLiteral("active||m-1"), kWaitMs);
        QString waitingRid;
        HB_DO(requestPairing(*waiting, &waitingRid)); // waits: the mitra is full

        qint64 busyEnd = 0;
        HB_DO(sendIntoLostReply(*customer, withSession("session.end", p.sessionId), &busyEnd));
        const qint64 toldBy = busyEnd + kToldWithinMs;

        HB_TAKE_WITHIN(customerEnded, *customer,
                       expect("session.ended", "session_id", p.sessionId), msLeft(toldBy));
        QCOMPARE(str(customerEnded, "reason"), QStringLiteral("ended_by_customer"));
        HB_TAKE_WITHIN(mitraEnded, *mitra, expect("session.ended", "session_id", p.sessionId),
                       msLeft(toldBy));
        QCOMPARE(str(mitraEnded, "reason"), QStringLiteral("ended_by_customer"));

        QTRY_COMPARE_WITH_TIMEOUT(pgSession(p.sessionId),
                                  QStringLiteral("ended|ended_by_customer|m-1"), kWaitMs);
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_h.zmembers(QStringLiteral("hb:followups")), QString(),
                                  kWaitMs);
        // The freed slot brings the waiting request to the mitra.
        HB_TAKE(offer, *mitra, expect("offer", "request_id", waitingRid));
    }

    void pausedAcceptIsDroppedWhole()
    {
        // CLIENT PAUSE WRITE past the command timeout: the backend drops its connection, and
        // Valkey drops the paused script with it. Nothing was decided, and nobody is told
        // otherwise: the mitra heard `unavailable`, its offer and the request stay open.
        HB_START(followUpSettings());
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(mitra, QStringLiteral("m-1"), B);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        HB_TAKE(offer, *mitra, expect("offer", "request_id", rid));
        HB_DO(pauseWrites(kPauseMs));
        const qint64 pauseEnd = nowMs() + kPauseMs;
        HB_CALL_ERROR(*mitra, withRequest("offer.accept", rid),
                      QStringList{QStringLiteral("unavailable")});
        QTRY_VERIFY_WITH_TIMEOUT(nowMs() >= pauseEnd, kPauseMs + 1000);
        // Past the follow-up's grace and a sweep: still nothing.
        QVERIFY(customer->nothing(expect("pairing.found", "request_id", rid), 6000));
        QVERIFY(!mitra->hasQueued(expect("session.assigned")));
        QCOMPARE(m_h.hget(QStringLiteral("hb:req:") + rid, QStringLiteral("status")),
                 QStringLiteral("open"));
        QCOMPARE(m_h.hget(QStringLiteral("hb:req:") + rid + QStringLiteral(":offers"),
                          QStringLiteral("m-1")),
                 QStringLiteral("open"));
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 0);
        QCOMPARE(m_h.sqlText(QStringLiteral("select count(*) from sessions")), QStringLiteral("0"));
        QCOMPARE(m_h.zmembers(QStringLiteral("hb:followups")), QString());
        // The app may accept again, and that works as ever.
        HB_CALL(assigned, *mitra, withRequest("offer.accept", rid), "session.assigned");
        HB_TAKE(started, *customer, expect("session.started"));
    }
};

QTEST_MAIN(TestFollowUpsE2e)
#include "tst_followups_e2e.moc"
