#include "domain/Session.h"
#include "domain/SessionStateMachine.h"

#include <QTest>

using namespace hb;

Q_DECLARE_METATYPE(hb::SessionState)
Q_DECLARE_METATYPE(hb::SessionEvent)

class TestSessionState : public QObject
{
    Q_OBJECT

private slots:
    void transitions_data();
    void transitions();
    void stateNames_data();
    void stateNames();
    void unknownStateName();
    void isOpen();
};

void TestSessionState::transitions_data()
{
    QTest::addColumn<SessionState>("from");
    QTest::addColumn<SessionEvent>("event");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<SessionState>("to");

    using S = SessionState;
    using E = SessionEvent;
    // All nine combinations, written out.
    QTest::newRow("awaiting + paid")
        << S::AwaitingPayment << E::PaymentConfirmed << true << S::Active;
    QTest::newRow("awaiting + ended") << S::AwaitingPayment << E::Ended << true << S::Ended;
    QTest::newRow("awaiting + rerouted")
        << S::AwaitingPayment << E::Rerouted << true << S::AwaitingPayment;
    QTest::newRow("active + paid") << S::Active << E::PaymentConfirmed << false << S::Active;
    QTest::newRow("active + ended") << S::Active << E::Ended << true << S::Ended;
    QTest::newRow("active + rerouted") << S::Active << E::Rerouted << true << S::Active;
    QTest::newRow("ended + paid") << S::Ended << E::PaymentConfirmed << false << S::Ended;
    QTest::newRow("ended + ended") << S::Ended << E::Ended << false << S::Ended;
    QTest::newRow("ended + rerouted") << S::Ended << E::Rerouted << false << S::Ended;
}

void TestSessionState::transitions()
{
    QFETCH(SessionState, from);
    QFETCH(SessionEvent, event);
    QFETCH(bool, allowed);
    QFETCH(SessionState, to);

    const SessionTransition t = applySessionEvent(from, event);
    QCOMPARE(t.allowed, allowed);
    QCOMPARE(toString(t.next), toString(to));
    // A refusal always says why; an allowed transition never carries a reason.
    QCOMPARE(t.reason.isEmpty(), allowed);
}

void TestSessionState::stateNames_data()
{
    QTest::addColumn<SessionState>("state");
    QTest::addColumn<QString>("name");
    QTest::newRow("awaiting_payment")
        << SessionState::AwaitingPayment << QStringLiteral("awaiting_payment");
    QTest::newRow("active") << SessionState::Active << QStringLiteral("active");
    QTest::newRow("ended") << SessionState::Ended << QStringLiteral("ended");
}

void TestSessionState::stateNames()
{
    QFETCH(SessionState, state);
    QFETCH(QString, name);
    QCOMPARE(toString(state), name);
    QCOMPARE(sessionStateFromString(name), std::optional<SessionState>(state));
}

void TestSessionState::unknownStateName()
{
    QVERIFY(!sessionStateFromString(QStringLiteral("Active")).has_value());
    QVERIFY(!sessionStateFromString(QString()).has_value());
    QVERIFY(!sessionStateFromString(QStringLiteral("paused")).has_value());
}

void TestSessionState::isOpen()
{
    Session s;
    s.state = SessionState::AwaitingPayment;
    QVERIFY(s.isOpen());
    s.state = SessionState::Active;
    QVERIFY(s.isOpen());
    s.state = SessionState::Ended;
    QVERIFY(!s.isOpen());
}

QTEST_GUILESS_MAIN(TestSessionState)
#include "tst_session_state.moc"
