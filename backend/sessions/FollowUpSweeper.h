#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace hb {

class SessionService;
class UserMessenger;
class ValkeyClient;
namespace followupreplies {
struct FollowUp;
}

// Completes what a decision owed when the deciding instance did not (its reply from Valkey came
// after its command timeout, or it died): run by every instance. Each round claims the
// follow-ups that fell due (lua/followups_claim.lua: a lease, so each is done by one instance)
// and does them against the session as it is now:
// - accept: the mitra `session.assigned`, the customer `pairing.found` and
//   `session.awaiting_payment` (payment begins) or `session.started` (both parties), the
//   mitras whose offers were taken `offer.closed` (taken);
// - end: both parties `session.ended` with the recorded reason; the freed slot is announced.
// Then it removes the follow-up. Pushes are state the apps already accept twice
// (docs/protocol.md), so a follow-up done twice (a lost ZREM) is harmless.
class FollowUpSweeper : public QObject
{
    Q_OBJECT
public:
    FollowUpSweeper(ValkeyClient &valkey, UserMessenger &messenger, SessionService &sessions,
                    int intervalMs, QObject *parent = nullptr);

    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    // One round now (the timer calls it; tests may too).
    void sweep();

    // The deciding instance did follow-up `member` from its script's reply: nobody else need.
    // Fire-and-forget: if this is lost, a sweep repeats the pushes.
    static void markDone(ValkeyClient &valkey, const QByteArray &member);

signals:
    // The end of a session freed its mitra's slot: waiting requests may be offered to it.
    void mitraSlotFreed(const QString &mitraId);

private:
    void completeAccept(const followupreplies::FollowUp &followUp);
    void completeEnd(const followupreplies::FollowUp &followUp);

    ValkeyClient &m_valkey;
    UserMessenger &m_messenger;
    SessionService &m_sessions;
    QTimer m_timer;
    bool m_inFlight = false;
};

} // namespace hb
