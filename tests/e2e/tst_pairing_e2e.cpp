// End to end: pairing against real backends, Valkey and PostgreSQL, through real WebSocket
// clients. Every scenario starts its own backends (two instances sharing one Valkey and one
// database) with the settings it needs, on an empty Valkey and a fresh database.
// Covers: broadcast pairing across instances, first accept wins, capacity, decline, round-robin
// hand-over on decline and offer timeout, cancel, the request deadline, waiting requests (and
// their order), a mitra going offline mid-offer, resuming after a reconnect, and bad input.
#include "PairingHarness.h"

#include <QJsonObject>
#include <QTest>

using namespace hb::test;

namespace {

constexpr int A = 0; // backend inst-a
constexpr int B = 1; // backend inst-b
// How long "nothing happens" is watched for: negative checks need a window.
constexpr int kQuietMs = 1500;

QString flat(const QMap<QString, QString> &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QLatin1Char(','));
}

QJsonObject withRequest(const char *type, const QString &rid)
{
    return msg(type, {{QStringLiteral("request_id"), rid}});
}

QJsonObject withSession(const char *type, const QString &sid)
{
    return msg(type, {{QStringLiteral("session_id"), sid}});
}

// The one of `mitras` that gets an offer for `rid` first (nullptr if none does in time).
AppClient *firstOffered(const QList<AppClient *> &mitras, const QString &rid)
{
    AppClient *first = nullptr;
    [[maybe_unused]] const bool offered = QTest::qWaitFor(
        [&] {
            for (AppClient *m : mitras) {
                if (m->hasQueued(expect("offer", "request_id", rid))) {
                    first = m;
                    return true;
                }
            }
            return false;
        },
        kWaitMs);
    return first;
}

QString reqKey(const QString &rid)
{
    return QStringLiteral("hb:req:") + rid;
}

QString offersKey(const QString &rid)
{
    return QStringLiteral("hb:req:") + rid + QStringLiteral(":offers");
}

} // namespace

class TestPairingE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    PairingHarness m_h{m_stack};

    // PostgreSQL's view of a request: "status|closed?" and its offers "mitra|outcome, ...".
    QString pgRequest(const QString &rid) const
    {
        return m_h.sqlText(QStringLiteral("select status, closed_at is not null from "
                                          "pairing_requests where id = %1")
                               .arg(PairingHarness::quoted(rid)));
    }
    QString pgOffers(const QString &rid) const
    {
        return m_h.sqlText(QStringLiteral("select mitra_id, coalesce(outcome, 'open') from "
                                          "request_offers where request_id = %1 order by mitra_id")
                               .arg(PairingHarness::quoted(rid)));
    }
    QString pgSessionsOf(const QString &rid) const
    {
        return m_h.sqlText(QStringLiteral("select id, state from sessions where request_id = %1")
                               .arg(PairingHarness::quoted(rid)));
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

    void broadcastHappyPathAcrossInstances()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A, QStringLiteral("Rina"));
        HB_MITRA(sari, QStringLiteral("m-1"), B, true, QStringLiteral("Sari"));
        HB_MITRA(dewi, QStringLiteral("m-2"), B, true, QStringLiteral("Dewi"));
        HB_MITRA(ayu, QStringLiteral("m-3"), B, true, QStringLiteral("Ayu"));
        const QList<AppClient *> mitras{sari, dewi, ayu};

        const qint64 sentAt = nowMs();
        HB_CALL(searching, *customer, msg("pairing.request"), "pairing.searching");
        const QString rid = str(searching, "request_id");
        QVERIFY(!rid.isEmpty());
        const qint64 deadline = isoMs(searching.value(QStringLiteral("expires_at")));
        QVERIFY2(qAbs(deadline - (sentAt + 30000)) < 3000, qPrintable(compact(searching)));

        for (AppClient *m : mitras) {
            HB_TAKE(offer, *m, expect("offer", "request_id", rid));
            QCOMPARE(str(offer, "customer", "id"), QStringLiteral("c-1"));
            QCOMPARE(str(offer, "customer", "name"), QStringLiteral("Rina"));
            // Broadcast: the offer lasts as long as the request.
            QCOMPARE(isoMs(offer.value(QStringLiteral("expires_at"))), deadline);
        }

        HB_CALL(assigned, *sari, withRequest("offer.accept", rid), "session.assigned");
        const QJsonObject session = assigned.value(QStringLiteral("session")).toObject();
        const QString sid = str(session, "id");
        QVERIFY(!sid.isEmpty());
        QCOMPARE(str(session, "request_id"), rid);
        QVERIFY2(QStringList({QStringLiteral("awaiting_payment"), QStringLiteral("active")})
                     .contains(str(session, "state")),
                 qPrintable(compact(session)));
        QCOMPARE(str(session, "mitra", "id"), QStringLiteral("m-1"));
        QCOMPARE(str(session, "mitra", "name"), QStringLiteral("Sari"));
        QCOMPARE(str(session, "customer", "id"), QStringLiteral("c-1"));
        QCOMPARE(str(session, "customer", "name"), QStringLiteral("Rina"));
        QVERIFY(isoMs(session.value(QStringLiteral("started_at"))) > 0);

        for (AppClient *loser : {dewi, ayu}) {
            HB_TAKE_WITHIN(closed, *loser, expect("offer.closed", "request_id", rid), 5000);
            QCOMPARE(str(closed, "reason"), QStringLiteral("taken"));
        }

        HB_TAKE(found, *customer, expect("pairing.found", "request_id", rid));
        QCOMPARE(str(found, "bestie", "id"), QStringLiteral("m-1"));
        QCOMPARE(str(found, "bestie", "name"), QStringLiteral("Sari"));
        HB_TAKE(awaiting, *customer, expect("session.awaiting_payment", "session.id", sid));
        QCOMPARE(str(awaiting, "session", "state"), QStringLiteral("awaiting_payment"));
        QCOMPARE(at(awaiting, QStringLiteral("session.mitra.id")), QStringLiteral("m-1"));
        QCOMPARE(at(awaiting, QStringLiteral("session.mitra.name")), QStringLiteral("Sari"));
        HB_TAKE(started, *customer, expect("session.started", "session.id", sid));
        QCOMPARE(str(started, "session", "state"), QStringLiteral("active"));
        QCOMPARE(str(started, "session", "request_id"), rid);
        const QList<QJsonObject> seen = customer->ws().received();
        QVERIFY2(seen.indexOf(found) < seen.indexOf(awaiting) &&
                     seen.indexOf(awaiting) < seen.indexOf(started),
                 "pairing.found, session.awaiting_payment, session.started came out of order");

        // PostgreSQL: one session, one assignment, the request matched, every offer closed.
        QTRY_COMPARE_WITH_TIMEOUT(pgSessionsOf(rid), sid + QStringLiteral("|active"), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(pgRequest(rid), QStringLiteral("matched|t"), kWaitMs);
        QCOMPARE(m_h.sqlText(QStringLiteral("select customer_id, strategy from pairing_requests "
                                            "where id = %1")
                                 .arg(PairingHarness::quoted(rid))),
                 QStringLiteral("c-1|broadcast"));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_h.sqlText(QStringLiteral("select mitra_id, reason, unassigned_at is null from "
                                       "session_assignments where session_id = %1")
                            .arg(PairingHarness::quoted(sid))),
            QStringLiteral("m-1|accepted|t"), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(pgOffers(rid),
                                  QStringLiteral("m-1|accepted, m-2|taken, m-3|taken"), kWaitMs);

        // Valkey agrees.
        QCOMPARE(m_h.hget(reqKey(rid), QStringLiteral("status")), QStringLiteral("matched"));
        QCOMPARE(m_h.hget(reqKey(rid), QStringLiteral("session")), sid);
        QCOMPARE(m_h.hget(reqKey(rid), QStringLiteral("customer")), QStringLiteral("c-1"));
        QCOMPARE(flat(m_h.hash(offersKey(rid))),
                 QStringLiteral("m-1=accepted,m-2=taken,m-3=taken"));
        QVERIFY(!m_h.inZset(QStringLiteral("hb:requests:open"), rid));
        QCOMPARE(m_h.hget(QStringLiteral("hb:session:") + sid, QStringLiteral("state")),
                 QStringLiteral("active"));
        QCOMPARE(m_h.hget(QStringLiteral("hb:session:") + sid, QStringLiteral("mitra")),
                 QStringLiteral("m-1"));
        QCOMPARE(m_h.members(QStringLiteral("hb:sessions:open")), sid);
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 1);
        QCOMPARE(m_h.members(QStringLiteral("hb:mitra:m-1:sessions")), sid);
        // Capacity 3: all three are still available.
        QCOMPARE(m_h.zmembers(QStringLiteral("hb:rr:rotation")), QStringLiteral("m-1,m-2,m-3"));
    }

    void acceptingTwiceIsHarmlessAndALoserGetsConflict()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(winner, QStringLiteral("m-1"), A);
        HB_MITRA(loser, QStringLiteral("m-2"), B);
        Pairing p;
        HB_DO(pairUp(*customer, *winner, &p));
        HB_TAKE(closed, *loser, expect("offer.closed", "request_id", p.requestId));
        QCOMPARE(str(closed, "reason"), QStringLiteral("taken"));
        QTRY_COMPARE_WITH_TIMEOUT(pgSessionsOf(p.requestId),
                                  p.sessionId + QStringLiteral("|active"), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(pgOffers(p.requestId), QStringLiteral("m-1|accepted, m-2|taken"),
                                  kWaitMs);

        HB_CALL_ERROR(*loser, withRequest("offer.accept", p.requestId),
                      {QStringLiteral("conflict")});

        // The winner again: the same session, or an error; never a second session.
        const QJsonObject again = winner->call(withRequest("offer.accept", p.requestId));
        QVERIFY2(typeOf(again) == QLatin1String("error") ||
                     (typeOf(again) == QLatin1String("session.assigned") &&
                      str(again, "session", "id") == p.sessionId),
                 qPrintable(compact(again)));

        QVERIFY2(customer->nothing(expect("pairing.found"), kQuietMs), "a second pairing.found");
        QCOMPARE(pgSessionsOf(p.requestId), p.sessionId + QStringLiteral("|active"));
        QCOMPARE(m_h.sqlText(QStringLiteral("select count(*) from sessions")), QStringLiteral("1"));
        QCOMPARE(m_h.sqlText(QStringLiteral("select count(*) from session_assignments")),
                 QStringLiteral("1"));
        QCOMPARE(pgOffers(p.requestId), QStringLiteral("m-1|accepted, m-2|taken"));
        QCOMPARE(flat(m_h.hash(offersKey(p.requestId))), QStringLiteral("m-1=accepted,m-2=taken"));
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 1);
        QCOMPARE(m_h.active(QStringLiteral("m-2")), 0);
        QCOMPARE(m_h.members(QStringLiteral("hb:mitra:m-1:sessions")), p.sessionId);
        QCOMPARE(m_h.members(QStringLiteral("hb:mitra:m-2:sessions")), QString());
        QCOMPARE(m_h.members(QStringLiteral("hb:sessions:open")), p.sessionId);
    }

    void aFullMitraIsOfferedAgainOnlyAfterASessionEnds()
    {
        PairingSettings s;
        s.maxCustomers = 1;
        HB_START(s);
        HB_MITRA(mitra, QStringLiteral("m-1"), B);
        HB_CUSTOMER(first, QStringLiteral("c-1"), A);
        HB_CUSTOMER(second, QStringLiteral("c-2"), B);
        Pairing p1;
        HB_DO(pairUp(*first, *mitra, &p1));
        QTRY_COMPARE_WITH_TIMEOUT(m_h.active(QStringLiteral("m-1")), 1, kWaitMs);
        QVERIFY(!m_h.inZset(QStringLiteral("hb:rr:rotation"), QStringLiteral("m-1")));

        QString rid2;
        HB_DO(requestPairing(*second, &rid2));
        QVERIFY2(mitra->nothing(expect("offer", "request_id", rid2), kQuietMs),
                 "a mitra at capacity was offered a request");
        QCOMPARE(m_h.hget(reqKey(rid2), QStringLiteral("status")), QStringLiteral("open"));

        // The customer ends the session: both sides are told, the slot frees, the waiting
        // request is offered.
        HB_CALL(ended, *first, withSession("session.end", p1.sessionId), "session.ended");
        QCOMPARE(str(ended, "session_id"), p1.sessionId);
        QCOMPARE(str(ended, "reason"), QStringLiteral("ended_by_customer"));
        HB_TAKE(mitraEnded, *mitra, expect("session.ended", "session_id", p1.sessionId));
        QCOMPARE(str(mitraEnded, "reason"), QStringLiteral("ended_by_customer"));
        HB_TAKE(offer, *mitra, expect("offer", "request_id", rid2));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_h.sqlText(QStringLiteral("select state, end_reason, ended_at is not null from "
                                       "sessions where id = %1")
                            .arg(PairingHarness::quoted(p1.sessionId))),
            QStringLiteral("ended|ended_by_customer|t"), kWaitMs);

        // Taken; now the mitra ends it.
        HB_CALL(assigned, *mitra, withRequest("offer.accept", rid2), "session.assigned");
        const QString sid2 = str(assigned, "session", "id");
        HB_TAKE(started, *second, expect("session.started", "session.id", sid2));
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 1);
        HB_CALL(ended2, *mitra, withSession("session.end", sid2), "session.ended");
        QCOMPARE(str(ended2, "reason"), QStringLiteral("ended_by_mitra"));
        HB_TAKE(customerEnded, *second, expect("session.ended", "session_id", sid2));
        QCOMPARE(str(customerEnded, "reason"), QStringLiteral("ended_by_mitra"));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_h.sqlText(QStringLiteral("select state, end_reason from sessions where id = %1")
                            .arg(PairingHarness::quoted(sid2))),
            QStringLiteral("ended|ended_by_mitra"), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_h.active(QStringLiteral("m-1")), 0, kWaitMs);
        QCOMPARE(m_h.members(QStringLiteral("hb:mitra:m-1:sessions")), QString());
        QCOMPARE(m_h.members(QStringLiteral("hb:sessions:open")), QString());
        QVERIFY(m_h.inZset(QStringLiteral("hb:rr:rotation"), QStringLiteral("m-1")));
    }

    void declineClosesOnlyThatOffer()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(no, QStringLiteral("m-1"), A);
        HB_MITRA(yes, QStringLiteral("m-2"), B);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        HB_TAKE(offer1, *no, expect("offer", "request_id", rid));
        HB_TAKE(offer2, *yes, expect("offer", "request_id", rid));

        HB_CALL(declined, *no, withRequest("offer.decline", rid), "offer.closed");
        QCOMPARE(str(declined, "request_id"), rid);
        QCOMPARE(str(declined, "reason"), QStringLiteral("declined"));
        QCOMPARE(m_h.hget(reqKey(rid), QStringLiteral("status")), QStringLiteral("open"));
        QVERIFY(m_h.inZset(QStringLiteral("hb:requests:open"), rid));
        QCOMPARE(flat(m_h.hash(offersKey(rid))), QStringLiteral("m-1=declined,m-2=open"));
        HB_CALL_ERROR(*no, withRequest("offer.accept", rid), {QStringLiteral("conflict")});

        HB_CALL(assigned, *yes, withRequest("offer.accept", rid), "session.assigned");
        HB_TAKE(found, *customer, expect("pairing.found", "request_id", rid));
        QCOMPARE(str(found, "bestie", "id"), QStringLiteral("m-2"));
        QTRY_COMPARE_WITH_TIMEOUT(pgOffers(rid), QStringLiteral("m-1|declined, m-2|accepted"),
                                  kWaitMs);
    }

    void roundRobinDeclineMovesToTheNextMitra()
    {
        PairingSettings s;
        s.strategy = QStringLiteral("round_robin");
        s.requestTimeoutS = 60;
        HB_START(s);
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(m1, QStringLiteral("m-1"), A);
        HB_MITRA(m2, QStringLiteral("m-2"), B);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        AppClient *first = firstOffered({m1, m2}, rid);
        QVERIFY2(first, qPrintable(m1->missing(expect("offer"), kWaitMs) + QLatin1Char('\n') +
                                   m2->missing(expect("offer"), kWaitMs)));
        AppClient *next = first == m1 ? m2 : m1;
        HB_TAKE(offer, *first, expect("offer", "request_id", rid));
        // One at a time: the next mitra waits its turn.
        QVERIFY2(next->nothing(expect("offer", "request_id", rid), kQuietMs),
                 "round_robin offered two mitras at once");

        HB_CALL(declined, *first, withRequest("offer.decline", rid), "offer.closed");
        QCOMPARE(str(declined, "reason"), QStringLiteral("declined"));
        HB_TAKE(nextOffer, *next, expect("offer", "request_id", rid));
        HB_CALL(assigned, *next, withRequest("offer.accept", rid), "session.assigned");
        HB_TAKE(found, *customer, expect("pairing.found", "request_id", rid));
        QCOMPARE(str(found, "bestie", "id"), next->id());
        QTRY_COMPARE_WITH_TIMEOUT(m_h.sqlText(QStringLiteral("select mitra_id, outcome from "
                                                             "request_offers where request_id = %1 "
                                                             "order by offered_at")
                                                  .arg(PairingHarness::quoted(rid))),
                                  first->id() + QStringLiteral("|declined, ") + next->id() +
                                      QStringLiteral("|accepted"),
                                  kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_h.sqlText(QStringLiteral("select strategy from pairing_requests where id = %1")
                            .arg(PairingHarness::quoted(rid))),
            QStringLiteral("round_robin"), kWaitMs);
    }

    void roundRobinUnansweredOfferExpiresAndMovesOn()
    {
        PairingSettings s;
        s.strategy = QStringLiteral("round_robin");
        s.offerTimeoutS = 1;
        s.requestTimeoutS = 30;
        HB_START(s);
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(m1, QStringLiteral("m-1"), A);
        HB_MITRA(m2, QStringLiteral("m-2"), B);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        AppClient *silent = firstOffered({m1, m2}, rid);
        QVERIFY2(silent, qPrintable(m1->missing(expect("offer"), kWaitMs)));
        AppClient *next = silent == m1 ? m2 : m1;
        HB_TAKE(offer, *silent, expect("offer", "request_id", rid));
        // The offer's own timeout, not the request's deadline.
        const qint64 expiresIn = isoMs(offer.value(QStringLiteral("expires_at"))) - nowMs();
        QVERIFY2(expiresIn <= 2000, qPrintable(compact(offer)));

        HB_TAKE_WITHIN(expired, *silent, expect("offer.closed", "request_id", rid), 6000);
        QCOMPARE(str(expired, "reason"), QStringLiteral("expired"));
        HB_TAKE_WITHIN(nextOffer, *next, expect("offer", "request_id", rid), 6000);
        HB_CALL(assigned, *next, withRequest("offer.accept", rid), "session.assigned");
        HB_TAKE(found, *customer, expect("pairing.found", "request_id", rid));
        QCOMPARE(str(found, "bestie", "id"), next->id());
        HB_CALL_ERROR(*silent, withRequest("offer.accept", rid), {QStringLiteral("conflict")});
        QTRY_COMPARE_WITH_TIMEOUT(pgOffers(rid),
                                  m1 == silent ? QStringLiteral("m-1|expired, m-2|accepted")
                                               : QStringLiteral("m-1|accepted, m-2|expired"),
                                  kWaitMs);
    }

    void cancelClosesEveryOpenOffer()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(m1, QStringLiteral("m-1"), A);
        HB_MITRA(m2, QStringLiteral("m-2"), B);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        for (AppClient *m : {m1, m2}) {
            HB_TAKE(offer, *m, expect("offer", "request_id", rid));
        }
        HB_CALL(cancelled, *customer, withRequest("pairing.cancel", rid), "pairing.cancelled");
        QCOMPARE(str(cancelled, "request_id"), rid);
        for (AppClient *m : {m1, m2}) {
            HB_TAKE(closed, *m, expect("offer.closed", "request_id", rid));
            QCOMPARE(str(closed, "reason"), QStringLiteral("cancelled"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(pgRequest(rid), QStringLiteral("cancelled|t"), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(pgOffers(rid), QStringLiteral("m-1|cancelled, m-2|cancelled"),
                                  kWaitMs);
        QCOMPARE(m_h.hget(reqKey(rid), QStringLiteral("status")), QStringLiteral("cancelled"));
        QVERIFY(!m_h.inZset(QStringLiteral("hb:requests:open"), rid));

        HB_CALL_ERROR(*m1, withRequest("offer.accept", rid), {QStringLiteral("conflict")});
        QCOMPARE(pgSessionsOf(rid), QString());
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 0);

        // Nothing open any more: the customer may ask again.
        HB_CALL(again, *customer, msg("pairing.request"), "pairing.searching");
        QVERIFY(!str(again, "request_id").isEmpty());
        QVERIFY(str(again, "request_id") != rid);
    }

    void deadlineWithNobodyOnlineFailsNoBestieAvailable()
    {
        PairingSettings s;
        s.requestTimeoutS = 2;
        HB_START(s);
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        const qint64 sentAt = nowMs();
        HB_CALL(searching, *customer, msg("pairing.request"), "pairing.searching");
        const QString rid = str(searching, "request_id");
        const qint64 deadline = isoMs(searching.value(QStringLiteral("expires_at")));
        QVERIFY2(qAbs(deadline - (sentAt + 2000)) < 1500, qPrintable(compact(searching)));

        HB_TAKE(failed, *customer, expect("pairing.failed", "request_id", rid));
        QVERIFY2(nowMs() >= deadline - 250, "pairing.failed came before the deadline");
        QCOMPARE(str(failed, "reason"), QStringLiteral("no_bestie_available"));
        QTRY_COMPARE_WITH_TIMEOUT(pgRequest(rid), QStringLiteral("failed|t"), kWaitMs);
        QCOMPARE(m_h.sqlText(QStringLiteral("select outcome_reason from pairing_requests where id "
                                            "= %1")
                                 .arg(PairingHarness::quoted(rid))),
                 QStringLiteral("no_bestie_available"));
        QCOMPARE(m_h.hget(reqKey(rid), QStringLiteral("status")), QStringLiteral("failed"));
        QVERIFY(!m_h.inZset(QStringLiteral("hb:requests:open"), rid));
        HB_CALL(again, *customer, msg("pairing.request"), "pairing.searching");
    }

    void deadlineWithASilentMitraFailsTimeout()
    {
        PairingSettings s;
        s.requestTimeoutS = 2;
        HB_START(s);
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(silent, QStringLiteral("m-1"), B);
        HB_CALL(searching, *customer, msg("pairing.request"), "pairing.searching");
        const QString rid = str(searching, "request_id");
        HB_TAKE(offer, *silent, expect("offer", "request_id", rid));
        QCOMPARE(isoMs(offer.value(QStringLiteral("expires_at"))),
                 isoMs(searching.value(QStringLiteral("expires_at"))));

        HB_TAKE(failed, *customer, expect("pairing.failed", "request_id", rid));
        QCOMPARE(str(failed, "reason"), QStringLiteral("timeout"));
        HB_TAKE(closed, *silent, expect("offer.closed", "request_id", rid));
        QCOMPARE(str(closed, "reason"), QStringLiteral("expired"));
        QTRY_COMPARE_WITH_TIMEOUT(pgRequest(rid), QStringLiteral("failed|t"), kWaitMs);
        QCOMPARE(m_h.sqlText(QStringLiteral("select outcome_reason from pairing_requests where id "
                                            "= %1")
                                 .arg(PairingHarness::quoted(rid))),
                 QStringLiteral("timeout"));
        QTRY_COMPARE_WITH_TIMEOUT(pgOffers(rid), QStringLiteral("m-1|expired"), kWaitMs);
        HB_CALL_ERROR(*silent, withRequest("offer.accept", rid), {QStringLiteral("conflict")});
        QCOMPARE(pgSessionsOf(rid), QString());
    }

    void aWaitingRequestIsOfferedToAMitraComingOnline()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        HB_MITRA(mitra, QStringLiteral("m-1"), B, /*online=*/false);
        QVERIFY2(mitra->nothing(expect("offer"), kQuietMs), "an offline mitra was offered");

        HB_CALL(online, *mitra,
                msg("presence.set", {{QStringLiteral("status"), QStringLiteral("online")}}),
                "presence");
        HB_TAKE(offer, *mitra, expect("offer", "request_id", rid));
        HB_CALL(assigned, *mitra, withRequest("offer.accept", rid), "session.assigned");
        HB_TAKE(found, *customer, expect("pairing.found", "request_id", rid));
        QCOMPARE(str(found, "bestie", "id"), QStringLiteral("m-1"));
        HB_TAKE(started, *customer, expect("session.started"));
        QTRY_COMPARE_WITH_TIMEOUT(pgRequest(rid), QStringLiteral("matched|t"), kWaitMs);
    }

    void waitingRequestsAreServedOldestFirst()
    {
        PairingSettings s;
        s.maxCustomers = 1;
        HB_START(s);
        HB_CUSTOMER(older, QStringLiteral("c-old"), A);
        HB_CUSTOMER(newer, QStringLiteral("c-new"), B);
        QString oldRid, newRid;
        HB_DO(requestPairing(*older, &oldRid));
        QTest::qWait(20); // distinct creation times: the order under test is by time
        HB_DO(requestPairing(*newer, &newRid));

        HB_MITRA(mitra, QStringLiteral("m-1"), B);
        HB_TAKE(firstOffer, *mitra, expect("offer"));
        QCOMPARE(str(firstOffer, "request_id"), oldRid);
        HB_CALL(assigned, *mitra, withRequest("offer.accept", oldRid), "session.assigned");
        HB_TAKE(found, *older, expect("pairing.found", "request_id", oldRid));

        // The newer one still waits, and the next free mitra gets it.
        QCOMPARE(m_h.hget(reqKey(newRid), QStringLiteral("status")), QStringLiteral("open"));
        HB_MITRA(another, QStringLiteral("m-2"), A);
        HB_TAKE(offer, *another, expect("offer", "request_id", newRid));
        HB_CALL(assigned2, *another, withRequest("offer.accept", newRid), "session.assigned");
        HB_TAKE(found2, *newer, expect("pairing.found", "request_id", newRid));
        QCOMPARE(str(found2, "bestie", "id"), QStringLiteral("m-2"));
    }

    void aMitraGoingOfflineLosesItsOpenOffer()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(leaving, QStringLiteral("m-1"), A);
        HB_MITRA(staying, QStringLiteral("m-2"), B);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        for (AppClient *m : {leaving, staying}) {
            HB_TAKE(offer, *m, expect("offer", "request_id", rid));
        }
        HB_CALL(offline, *leaving,
                msg("presence.set", {{QStringLiteral("status"), QStringLiteral("offline")}}),
                "presence");
        QCOMPARE(str(offline, "status"), QStringLiteral("offline"));
        const QStringList notClosed{QString(), QStringLiteral("open"), QStringLiteral("accepted"),
                                    QStringLiteral("taken")};
        QTRY_VERIFY_WITH_TIMEOUT(
            !notClosed.contains(m_h.hget(offersKey(rid), QStringLiteral("m-1"))), kWaitMs);

        HB_CALL_ERROR(*leaving, withRequest("offer.accept", rid),
                      (QStringList{QStringLiteral("conflict"), QStringLiteral("mitra_offline")}));
        QCOMPARE(m_h.hget(reqKey(rid), QStringLiteral("status")), QStringLiteral("open"));
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 0);

        HB_CALL(assigned, *staying, withRequest("offer.accept", rid), "session.assigned");
        HB_TAKE(found, *customer, expect("pairing.found", "request_id", rid));
        QCOMPARE(str(found, "bestie", "id"), QStringLiteral("m-2"));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_h.sqlText(QStringLiteral("select outcome is not null and outcome <> 'accepted', "
                                       "closed_at is not null from request_offers where "
                                       "request_id = %1 and mitra_id = 'm-1'")
                            .arg(PairingHarness::quoted(rid))),
            QStringLiteral("t|t"), kWaitMs);
    }

    void aCustomerResumesAfterReconnecting()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_CALL(searching, *customer, msg("pairing.request"), "pairing.searching");
        const QString rid = str(searching, "request_id");

        // Mid-search: the state comes back right after welcome, through the other instance.
        customer->drop();
        QVERIFY(!customer->connectTo(m_h.url(B)).isEmpty());
        const QJsonObject resumed = customer->ws().next();
        QCOMPARE(typeOf(resumed), QStringLiteral("pairing.searching"));
        QCOMPARE(str(resumed, "request_id"), rid);
        QCOMPARE(isoMs(resumed.value(QStringLiteral("expires_at"))),
                 isoMs(searching.value(QStringLiteral("expires_at"))));

        HB_MITRA(mitra, QStringLiteral("m-1"), A);
        HB_TAKE(offer, *mitra, expect("offer", "request_id", rid));
        HB_CALL(assigned, *mitra, withRequest("offer.accept", rid), "session.assigned");
        const QString sid = str(assigned, "session", "id");
        HB_TAKE(started, *customer, expect("session.started", "session.id", sid));

        // With a session: it comes back instead of the request.
        customer->drop();
        QVERIFY(!customer->connectTo(m_h.url(A)).isEmpty());
        const QJsonObject session = customer->ws().next();
        QVERIFY2(typeOf(session) == QLatin1String("session.started") ||
                     typeOf(session) == QLatin1String("session.awaiting_payment"),
                 qPrintable(compact(session)));
        QCOMPARE(str(session, "session", "id"), sid);
        QCOMPARE(str(session, "session", "request_id"), rid);
        QVERIFY2(customer->nothing(expect("pairing.searching"), kQuietMs),
                 "a matched request was resumed as searching");
    }

    void aMitraResumesAfterReconnecting()
    {
        HB_START(PairingSettings{});
        HB_MITRA(mitra, QStringLiteral("m-1"), A);
        HB_CUSTOMER(first, QStringLiteral("c-1"), A);
        HB_CUSTOMER(second, QStringLiteral("c-2"), B);
        Pairing p;
        HB_DO(pairUp(*first, *mitra, &p));
        QString rid2;
        HB_DO(requestPairing(*second, &rid2));
        HB_TAKE(offer, *mitra, expect("offer", "request_id", rid2));

        mitra->drop();
        QVERIFY(!mitra->connectTo(m_h.url(B)).isEmpty());
        const QJsonObject presence = mitra->ws().next();
        QCOMPARE(typeOf(presence), QStringLiteral("presence"));
        QCOMPARE(str(presence, "status"), QStringLiteral("online"));
        HB_TAKE(resentOffer, *mitra, expect("offer", "request_id", rid2));
        QCOMPARE(isoMs(resentOffer.value(QStringLiteral("expires_at"))),
                 isoMs(offer.value(QStringLiteral("expires_at"))));
        QCOMPARE(str(resentOffer, "customer", "id"), QStringLiteral("c-2"));
        HB_TAKE(session, *mitra, expect("session.assigned", "session.id", p.sessionId));
        QCOMPARE(at(session, QStringLiteral("session.customer.id")), QStringLiteral("c-1"));

        // The resumed offer is live: accepting it on the new connection pairs.
        HB_CALL(assigned, *mitra, withRequest("offer.accept", rid2), "session.assigned");
        HB_TAKE(found, *second, expect("pairing.found", "request_id", rid2));
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 2);
    }

    void acceptingAnOfferNeverMadeChangesNothing()
    {
        PairingSettings s;
        s.strategy = QStringLiteral("round_robin");
        s.requestTimeoutS = 60;
        HB_START(s);
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(m1, QStringLiteral("m-1"), A);
        HB_MITRA(m2, QStringLiteral("m-2"), B);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        AppClient *offered = firstOffered({m1, m2}, rid);
        QVERIFY2(offered, qPrintable(m1->missing(expect("offer"), kWaitMs)));
        AppClient *stranger = offered == m1 ? m2 : m1;
        QVERIFY2(stranger->nothing(expect("offer", "request_id", rid), kQuietMs),
                 "round_robin offered two mitras at once");
        QTRY_COMPARE_WITH_TIMEOUT(pgOffers(rid), offered->id() + QStringLiteral("|open"), kWaitMs);

        auto state = [&]() -> QString {
            return flat(m_h.hash(reqKey(rid))) + QStringLiteral(" / ") +
                   flat(m_h.hash(offersKey(rid))) + QStringLiteral(" / ") + pgRequest(rid) +
                   QStringLiteral(" / ") + pgOffers(rid) + QStringLiteral(" / sessions ") +
                   m_h.sqlText(QStringLiteral("select count(*) from sessions")) +
                   QStringLiteral(" / active ") + QString::number(m_h.active(stranger->id()));
        };
        const QString before = state();
        const QStringList neverMade{QStringLiteral("not_found"), QStringLiteral("forbidden")};
        HB_CALL_ERROR(*stranger, withRequest("offer.accept", rid), neverMade);
        HB_CALL_ERROR(*stranger, withRequest("offer.accept", QStringLiteral("r-no-such-request")),
                      neverMade);
        QCOMPARE(state(), before);

        // The real offer is untouched.
        HB_CALL(assigned, *offered, withRequest("offer.accept", rid), "session.assigned");
        HB_TAKE(found, *customer, expect("pairing.found", "request_id", rid));
        QCOMPARE(str(found, "bestie", "id"), offered->id());
    }

    void rolesAreEnforced()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_MITRA(mitra, QStringLiteral("m-1"), B);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        HB_TAKE(offer, *mitra, expect("offer", "request_id", rid));

        const QStringList forbidden{QStringLiteral("forbidden")};
        HB_CALL_ERROR(*customer, withRequest("offer.accept", rid), forbidden);
        HB_CALL_ERROR(*customer, withRequest("offer.decline", rid), forbidden);
        HB_CALL_ERROR(*mitra, msg("pairing.request"), forbidden);
        HB_CALL_ERROR(*mitra, withRequest("pairing.cancel", rid), forbidden);

        QCOMPARE(m_h.hget(reqKey(rid), QStringLiteral("status")), QStringLiteral("open"));
        QCOMPARE(flat(m_h.hash(offersKey(rid))), QStringLiteral("m-1=open"));
        QCOMPARE(m_h.zmembers(QStringLiteral("hb:requests:open")), rid);
        QCOMPARE(m_h.members(QStringLiteral("hb:sessions:open")), QString());
        QVERIFY2(mitra->nothing(expect("offer.closed"), kQuietMs), "the offer was closed");
    }

    void aSecondRequestWhileOneIsOpenIsAConflict()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        QString rid;
        HB_DO(requestPairing(*customer, &rid));
        QTRY_COMPARE_WITH_TIMEOUT(pgRequest(rid), QStringLiteral("open|f"), kWaitMs);

        const QJsonObject sent = msg("pairing.request");
        const QJsonObject error = customer->call(sent);
        QVERIFY2(typeOf(error) == QLatin1String("error") &&
                     str(error, "code") == QLatin1String("conflict"),
                 qPrintable(customer->badReply(sent, error, QStringLiteral("error conflict"))));
        QCOMPARE(str(error, "request_id"), rid);

        QCOMPARE(m_h.zmembers(QStringLiteral("hb:requests:open")), rid);
        QCOMPARE(m_h.sqlText(QStringLiteral("select count(*) from pairing_requests")),
                 QStringLiteral("1"));
    }

    void cancellingARequestNotOnesOwnChangesNothing()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(owner, QStringLiteral("c-1"), A);
        HB_CUSTOMER(other, QStringLiteral("c-2"), B);
        HB_MITRA(mitra, QStringLiteral("m-1"), B);
        QString rid;
        HB_DO(requestPairing(*owner, &rid));
        HB_TAKE(offer, *mitra, expect("offer", "request_id", rid));
        QTRY_COMPARE_WITH_TIMEOUT(pgOffers(rid), QStringLiteral("m-1|open"), kWaitMs);

        auto state = [&]() -> QString {
            return flat(m_h.hash(reqKey(rid))) + QStringLiteral(" / ") +
                   flat(m_h.hash(offersKey(rid))) + QStringLiteral(" / ") + pgRequest(rid) +
                   QStringLiteral(" / ") + pgOffers(rid);
        };
        const QString before = state();
        const QStringList refused{QStringLiteral("forbidden"), QStringLiteral("not_found")};
        HB_CALL_ERROR(*other, withRequest("pairing.cancel", rid), refused);
        HB_CALL_ERROR(*owner, withRequest("pairing.cancel", QStringLiteral("r-no-such-request")),
                      refused);
        QVERIFY2(mitra->nothing(expect("offer.closed"), kQuietMs), "the offer was closed");
        QCOMPARE(state(), before);

        // Its owner still can.
        HB_CALL(cancelled, *owner, withRequest("pairing.cancel", rid), "pairing.cancelled");
    }

    void endingASessionNotOnesOwnChangesNothing()
    {
        HB_START(PairingSettings{});
        HB_CUSTOMER(customer, QStringLiteral("c-1"), A);
        HB_CUSTOMER(otherCustomer, QStringLiteral("c-2"), B);
        HB_MITRA(mitra, QStringLiteral("m-1"), A);
        HB_MITRA(otherMitra, QStringLiteral("m-2"), B);
        Pairing p;
        HB_DO(pairUp(*customer, *mitra, &p));
        QTRY_COMPARE_WITH_TIMEOUT(pgSessionsOf(p.requestId),
                                  p.sessionId + QStringLiteral("|active"), kWaitMs);

        const QStringList refused{QStringLiteral("forbidden"), QStringLiteral("not_found")};
        HB_CALL_ERROR(*otherCustomer, withSession("session.end", p.sessionId), refused);
        HB_CALL_ERROR(*otherMitra, withSession("session.end", p.sessionId), refused);
        HB_CALL_ERROR(*customer, withSession("session.end", QStringLiteral("s-no-such-session")),
                      {QStringLiteral("not_found")});
        QVERIFY2(customer->nothing(expect("session.ended"), kQuietMs), "the session ended");
        QVERIFY2(mitra->nothing(expect("session.ended"), 0), "the session ended");
        QCOMPARE(pgSessionsOf(p.requestId), p.sessionId + QStringLiteral("|active"));
        QCOMPARE(m_h.hget(QStringLiteral("hb:session:") + p.sessionId, QStringLiteral("state")),
                 QStringLiteral("active"));
        QCOMPARE(m_h.active(QStringLiteral("m-1")), 1);
        QCOMPARE(m_h.members(QStringLiteral("hb:sessions:open")), p.sessionId);

        // Ending it twice: the second is a conflict.
        HB_CALL(ended, *mitra, withSession("session.end", p.sessionId), "session.ended");
        HB_CALL_ERROR(*customer, withSession("session.end", p.sessionId),
                      {QStringLiteral("conflict")});
    }
};

QTEST_GUILESS_MAIN(TestPairingE2e)
#include "tst_pairing_e2e.moc"
