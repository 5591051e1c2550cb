#include "FollowUpSweeper.h"

#include "FollowUpReplies.h"
#include "SessionService.h"
#include "cluster/Keys.h"
#include "cluster/UserMessenger.h"
#include "lua/LuaScripts.h"
#include "protocol/ServerMessages.h"
#include "store/valkey/ValkeyClient.h"

namespace hb {

namespace {
// Follow-ups claimed per round at most: a backlog drains over a few rounds.
constexpr int kFollowUpBatch = 100;
// How long a claim keeps others off a follow-up: if its claimer dies, another does it then.
constexpr int kFollowUpLeaseMs = 15000;
} // namespace

using followupreplies::FollowUp;

FollowUpSweeper::FollowUpSweeper(ValkeyClient &valkey, UserMessenger &messenger,
                                 SessionService &sessions, int intervalMs, QObject *parent)
    : QObject(parent), m_valkey(valkey), m_messenger(messenger), m_sessions(sessions)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &FollowUpSweeper::sweep);
}

void FollowUpSweeper::markDone(ValkeyClient &valkey, const QByteArray &member)
{
    valkey.command({QByteArrayLiteral("ZREM"), keys::followUps(), member}, nullptr, {});
}

void FollowUpSweeper::sweep()
{
    // One round at a time: a slow Valkey must not pile rounds up.
    if (m_inFlight || !m_valkey.isConnected())
        return;
    m_inFlight = true;
    m_valkey.eval(
        LuaScripts::instance().followUpsClaim, {keys::followUps()},
        {QByteArray::number(kFollowUpLeaseMs), QByteArray::number(kFollowUpBatch)}, this,
        [this](const ValkeyResult &result) {
            m_inFlight = false;
            // Nothing is lost by an error: what was claimed falls due again after the lease.
            if (result.isError()) {
                qWarning("followups_claim: %s", qPrintable(result.errorText()));
                return;
            }
            const auto reply = followupreplies::parseFollowUpsClaim(result.reply());
            if (!reply) {
                qWarning("followups_claim answered %s", qPrintable(result.reply().toDebugString()));
                return;
            }
            for (const QByteArray &member : reply->malformed) {
                qWarning("follow-up %s is malformed: dropped", member.constData());
                markDone(m_valkey, member);
            }
            for (const FollowUp &f : reply->claimed) {
                switch (f.kind) {
                case FollowUp::Kind::Accept:
                    completeAccept(f);
                    break;
                case FollowUp::Kind::End:
                    completeEnd(f);
                    break;
                case FollowUp::Kind::Unknown:
                    continue; // another version's: left to it
                }
                markDone(m_valkey, f.member);
            }
        });
}

void FollowUpSweeper::completeAccept(const FollowUp &f)
{
    qInfo("session %s: completing its accept's follow-up (the deciding instance did not)",
          qPrintable(f.sessionId));
    // The session as it is now: its mitra may have changed (staff reroute), payment may have
    // started it; one that ended meanwhile was announced by what ended it.
    if (f.session && f.session->isOpen()) {
        const Session &s = *f.session;
        m_messenger.deliver(Role::Mitra, s.mitra.id, f.mitraInstance,
                            {serverMessage::sessionAssigned(s)});
        if (s.state == SessionState::AwaitingPayment) {
            m_messenger.deliver(Role::Customer, s.customer.id, f.customerInstance,
                                {serverMessage::pairingFound(s.requestId, s.mitra),
                                 serverMessage::sessionAwaitingPayment(s)});
            m_sessions.beginPayment(s, f.customerInstance);
        } else {
            const QJsonObject started = serverMessage::sessionStarted(s);
            m_messenger.deliver(Role::Customer, s.customer.id, f.customerInstance,
                                {serverMessage::pairingFound(s.requestId, s.mitra), started});
            m_messenger.deliver(Role::Mitra, s.mitra.id, f.mitraInstance, {started});
        }
    }
    QList<UserMessenger::Recipient> losers;
    for (const FollowUp::Loser &l : f.losers)
        losers.append({l.mitraId, l.instance});
    if (f.session)
        m_messenger.deliverToMany(Role::Mitra, losers,
                                  serverMessage::offerClosed(f.session->requestId,
                                                             OfferClosedReason::Taken));
}

void FollowUpSweeper::completeEnd(const FollowUp &f)
{
    if (!f.session)
        return; // gone: nobody left to tell
    qInfo("session %s: completing its end's follow-up (the deciding instance did not)",
          qPrintable(f.sessionId));
    const Session &s = *f.session;
    const QJsonObject ended = serverMessage::sessionEnded(s.id, f.endReason);
    m_messenger.deliver(Role::Customer, s.customer.id, f.customerInstance, {ended});
    m_messenger.deliver(Role::Mitra, s.mitra.id, f.mitraInstance, {ended});
    // requests_waiting checks the mitra is online with a free slot before offering anything.
    emit mitraSlotFreed(s.mitra.id);
}

} // namespace hb
