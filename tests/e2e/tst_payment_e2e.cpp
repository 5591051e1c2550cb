// End to end: the payment seam against real backends, Valkey and PostgreSQL, through real
// WebSocket clients. The backends' payment is steered with HALOBESTIE_PAYMENT_MODE (confirm,
// fail, never), the setting that exists for tests and demos.
// Covers: both parties told `session.started` when payment is confirmed; a failed payment and a
// payment deadline that passes end the session with `payment_failed` for both parties, free the
// mitra's slot (a waiting request is offered to it) and are recorded in PostgreSQL; the deadline
// is swept by another instance when the one that created the session was killed, once; a
// session rebuilt from PostgreSQL after Valkey lost everything still has a payment deadline.
#include "PairingHarness.h"

#include <QJsonObject>
#include <QTest>

using namespace hb::test;

namespace {

constexpr int A = 0; // backend inst-a
constexpr int B = 1; // backend inst-b
constexpr int C = 2; // backend inst-c (the kill scenario)
// How long "nothing more happens" is watched for: negative checks need a window.
constexpr int kQuietMs = 1500;

PairingSettings paymentSettings(const char *mode, int timeoutS)
{
    PairingSettings s;
    s.maxCustomers = 1; // one session fills the mitra: a freed slot shows as a new offer
    s.extra.insert(QStringLiteral("HALOBESTIE_PAYMENT_MODE"), QLatin1String(mode));
    s.extra.insert(QStringLiteral("HALOBESTIE_PAYMENT_TIMEOUT_S"), QString::number(timeoutS));
    return s;
}

QString sessionKey(const QString &sid)
{
    return QStringLiteral("hb:session:") + sid;
}

} // namespace

class TestPaymentE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    PairingHarness m_h{m_stack};

    // PostgreSQL's record of a session: "state|end_reason|started?".
    QString pgSession(const QString &sid) const
    {
        return m_h.sqlText(QStringLiteral("select state, coalesce(end_reason, ''), "
                                          "started_at is not null from sessions where id = %1")
                               .arg(PairingHarness::quoted(sid)));
    }

    // HB_START with `count` backends (inst-a, inst-b, ...).
    void startBackends(const PairingSettings &settings, int count)
    {
        QString error;
        QVERIFY2(m_h.start(settings, &error, count), qPrintable(error));
    }

    // `mitra` accepts the request `customer` makes; the session is left awaiting payment.
    // Returns the session id (QVERIFY inside).
    void acceptUnpaid(AppClient &customer, AppClient &mitra, QString *sid)
    {
        QString rid;
        HB_DO(requestPairing(customer, &rid));
        HB_TAKE(offer, mitra, expect("offer", "request_id", rid));
        HB_CALL(assigned, mitra, msg("offer.accept", {{QStringLiteral("request_id"), rid}}),
                "session.assigned");
        *sid = str(assigned, "session", "id");
        QCOMPARE(str(assigned, "session", "state"), QStringLiteral("awaiting_payment"));
    }

    // Both parties were told `session.ended` with `payment_failed` exactly once and never
    // `session.started`; PostgreSQL agrees; the mitra's slot is free and Valkey keeps nothing
    // of the session open. The customer's news is waited for up to `waitMs`.
    void expectPaymentFailed(AppClient &customer, AppClient &mitra, const QString &sid,
                             int waitMs = kWaitMs)
    {
        HB_TAKE_WITHIN(customerEnded, customer, expect("session.ended", "session_id", sid),
                       waitMs);
        QCOMPARE(str(customerEnded, "reason"), QStringLiteral("payment_failed"));
        HB_TAKE(mitraEnded, mitra, expect("session.ended", "session_id", sid));
        QCOMPARE(str(mitraEnded, "reason"), QStringLiteral("payment_failed"));
        QVERIFY(!customer.hasQueued(expect("session.started", "session.id", sid)));
        QVERIFY(!mitra.hasQueued(expect("session.started", "session.id", sid)));
        QVERIFY2(customer.nothing(expect("session.ended", "session_id", sid), kQuietMs),
                 "the customer was told twice");
        QVERIFY2(mitra.nothing(expect("session.ended", "session_id", sid), 0),
                 "the mitra was told twice");
        QTRY_COMPARE_WITH_TIMEOUT(pgSession(sid), QStringLiteral("ended|payment_failed|f"),
                                  kWaitMs);
        QCOMPARE(m_h.active(mitra.id()), 0);
        QCOMPARE(m_h.hget(sessionKey(sid), QStringLiteral("state")), QStringLiteral("ended"));
        QCOMPARE(m_h.members(QStringLiteral("hb:sessions:open")), QString());
        QCOMPARE(m_h.zmembers(QStringLiteral("hb:sessions:payment_deadlines")), QString());
        QCOMPARE(m_h.hget(QStringLiteral("hb:customer:") + customer.id(), QStringLiteral("session")),
                 QString());
    }

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

    void confirmedPaymentStartsTheSessionForBoth()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A, QStringLiteral("Rina"));
        HB_MITRA(mitra, QStringLiteral("m-1"), B, true, QStringLiteral("Sari"));
        Pairing p;
        HB_DO(pairUp(*customer, *mitra, &p)); // the customer's session.started included
        HB_TAKE(started, *mitra, expect("session.started", "session.id", p.sessionId));
        QCOMPARE(str(started, "session", "state"), QStringLiteral("active"));
        QCOMPARE(at(started, QStringLiteral("session.mitra.id")), QStringLiteral("m-1"));
        QCOMPARE(at(started, QStringLiteral("session.customer.name")), QStringLiteral("Rina"));
        QVERIFY(!started.contains(QStringLiteral("ref")));
        QTRY_COMPARE_WITH_TIMEOUT(pgSession(p.sessionId), QStringLiteral("active||t"), kWaitMs);
        QVERIFY(!m_h.inZset(QStringLiteral("hb:sessions:payment_deadlines"), p.sessionId));
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 1);
    }

    void failedPaymentEndsTheSessionAtOnce()
    {
        // A long deadline: only the failure can end it within the test's waits.
        HB_START(paymentSettings("fail", 3600));
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(mitra, QStringLiteral("m-1"), B);
        HB_CUSTOMER(waiting, QStringLiteral("c-2"), B);
        QString sid;
        HB_DO(acceptUnpaid(*customer, *mitra, &sid));
        HB_TAKE(awaiting, *customer, expect("session.awaiting_payment", "session.id", sid));
        HB_DO(expectPaymentFailed(*customer, *mitra, sid));

        // The slot is free: the mitra is offered a new request.
        QString rid2;
        HB_DO(requestPairing(*waiting, &rid2));
        HB_TAKE(offer, *mitra, expect("offer", "request_id", rid2));
    }

    void unpaidSessionEndsAtItsDeadline()
    {
        constexpr int kTimeoutS = 2;
        HB_START(paymentSettings("never", kTimeoutS));
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(mitra, QStringLiteral("m-1"), B);
        HB_CUSTOMER(waiting, QStringLiteral("c-2"), A);
        const qint64 before = nowMs();
        QString sid;
        HB_DO(acceptUnpaid(*customer, *mitra, &sid));
        // The deadline is kept with the session, where every instance sees it.
        const qint64 deadline =
            m_h.hget(sessionKey(sid), QStringLiteral("payment_deadline")).toLongLong();
        QVERIFY2(deadline >= before + kTimeoutS * 1000 && deadline <= nowMs() + kTimeoutS * 1000,
                 qPrintable(QString::number(deadline - before)));
        QVERIFY(m_h.inZset(QStringLiteral("hb:sessions:payment_deadlines"), sid));

        // While the session holds the only slot, a second request waits, not offered.
        QString rid2;
        HB_DO(requestPairing(*waiting, &rid2));
        QVERIFY2(mitra->nothing(expect("offer", "request_id", rid2), 500),
                 "a mitra at capacity was offered a request");

        HB_DO(expectPaymentFailed(*customer, *mitra, sid, kTimeoutS * 1000 + kWaitMs));
        const qint64 endedAt =
            m_h.sqlText(QStringLiteral("select floor(extract(epoch from ended_at) * 1000)::bigint "
                                       "from sessions where id = %1")
                            .arg(PairingHarness::quoted(sid)))
                .toLongLong();
        QVERIFY2(endedAt >= deadline,
                 qPrintable(QStringLiteral("ended %1 ms before its payment deadline")
                                .arg(deadline - endedAt)));
        // The freed slot brings the waiting request to the mitra.
        HB_TAKE(offer, *mitra, expect("offer", "request_id", rid2));
    }

    void anotherInstanceSweepsWhenTheCreatorIsKilled()
    {
        constexpr int kTimeoutS = 3;
        HB_DO(startBackends(paymentSettings("never", kTimeoutS), 3));
        // Three instances: A decides the accept and is killed; B and C both sweep.
        HB_CUSTOMER(customer, QStringLiteral("c-1"), C);
        HB_MITRA(mitra, QStringLiteral("m-1"), A);
        QString sid;
        HB_DO(acceptUnpaid(*customer, *mitra, &sid));
        m_h.kill(A);
        // The mitra's app reconnects elsewhere in time to stay online, and is re-sent its session.
        QVERIFY(!mitra->connectTo(m_h.url(B)).isEmpty());
        HB_TAKE(resumed, *mitra, expect("session.assigned", "session.id", sid));
        QCOMPARE(str(resumed, "session", "state"), QStringLiteral("awaiting_payment"));

        HB_DO(expectPaymentFailed(*customer, *mitra, sid, kTimeoutS * 1000 + kWaitMs));
    }

    void sessionRebuiltAfterValkeyLostItStillHasADeadline()
    {
        constexpr int kTimeoutS = 3;
        // One backend: the parties' connection claims (hb:conn) are lost with Valkey's data too,
        // and this test is about the deadline, not about how pushes between instances recover.
        HB_DO(startBackends(paymentSettings("never", kTimeoutS), 1));
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(mitra, QStringLiteral("m-1"), A);
        QString sid;
        HB_DO(acceptUnpaid(*customer, *mitra, &sid));
        QTRY_COMPARE_WITH_TIMEOUT(pgSession(sid), QStringLiteral("awaiting_payment||f"), kWaitMs);

        // Valkey restarts empty (no persistence in tests): the deadline is gone with the rest.
        m_stack.valkeyServer().kill();
        QString error;
        QVERIFY2(m_stack.valkeyServer().start(&error), qPrintable(error));
        // The backends rebuild the session from PostgreSQL with a fresh deadline...
        QTRY_COMPARE_WITH_TIMEOUT(m_h.hget(sessionKey(sid), QStringLiteral("state")),
                                  QStringLiteral("awaiting_payment"), kWaitMs);
        QVERIFY(!m_h.hget(sessionKey(sid), QStringLiteral("payment_deadline")).isEmpty());
        // ...so the sweep still ends it when payment never comes.
        HB_DO(expectPaymentFailed(*customer, *mitra, sid, kTimeoutS * 1000 + kWaitMs));
    }
};

QTEST_GUILESS_MAIN(TestPaymentE2e)
#include "tst_payment_e2e.moc"
