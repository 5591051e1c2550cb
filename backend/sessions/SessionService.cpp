#include "SessionService.h"

#include "FollowUpSweeper.h"
#include "PaymentGateway.h"
#include "SessionScriptReplies.h"
#include "cluster/Keys.h"
#include "cluster/UserMessenger.h"
#include "gateway/ClientConnection.h"
#include "gateway/Refusal.h"
#include "lua/LuaScripts.h"
#include "protocol/Reasons.h"
#include "protocol/ServerMessages.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QPointer>

namespace hb {

namespace {

// Who ended it decides the reason both parties and PostgreSQL are told.
SessionEndReason endReasonOf(Role role)
{
    return role == Role::Mitra ? SessionEndReason::EndedByMitra
                               : SessionEndReason::EndedByCustomer;
}

// The verdict word Refusal maps to a protocol error.
QByteArray refusalVerdict(sessionreplies::SessionEndReply::Verdict verdict)
{
    using Verdict = sessionreplies::SessionEndReply::Verdict;
    switch (verdict) {
    case Verdict::NotFound:
        return QByteArrayLiteral("not_found");
    case Verdict::Forbidden:
        return QByteArrayLiteral("forbidden");
    case Verdict::Conflict:
    case Verdict::Ended:
        break;
    }
    return QByteArrayLiteral("conflict");
}

} // namespace

SessionService::SessionService(ValkeyClient &valkey, PostgresStore &store,
                               UserMessenger &messenger, PaymentGateway &payment, QObject *parent)
    : QObject(parent), m_valkey(valkey), m_store(store), m_messenger(messenger), m_payment(payment)
{
}

void SessionService::beginPayment(const Session &session, const QString &customerInstance)
{
    m_payment.requestPayment(
        session.id, session.customer.id,
        [this, sessionId = session.id, customerInstance](PaymentGateway::Outcome outcome) {
            if (outcome == PaymentGateway::Outcome::Confirmed)
                start(sessionId, customerInstance);
            else
                failPayment(sessionId);
        });
}

void SessionService::start(const QString &sessionId, const QString &customerInstance)
{
    m_valkey.eval(
        LuaScripts::instance().sessionStart, keys::sessionScriptKeys(), {sessionId.toUtf8()}, this,
        [this, sessionId, customerInstance](const ValkeyResult &result) {
            if (result.isError()) {
                qWarning("session %s: cannot start: %s", qPrintable(sessionId),
                         qPrintable(result.errorText()));
                return;
            }
            const auto reply = sessionreplies::parseSessionStart(result.reply());
            if (!reply) {
                qWarning("session %s: session_start answered %s", qPrintable(sessionId),
                         qPrintable(result.reply().toDebugString()));
                return;
            }
            // Ended (the payment deadline passed, either side ended it) or gone meanwhile:
            // nothing to start. Logged: with a real provider the customer has paid for a
            // session that will not happen (phase 3 refunds it).
            if (reply->verdict != sessionreplies::SessionStartReply::Verdict::Started) {
                qInfo("session %s: payment confirmed, but the session is %s", qPrintable(sessionId),
                      reply->conflictState.isEmpty() ? "gone" : qPrintable(reply->conflictState));
                return;
            }
            // Its durable record is in the outbox already (session_start). Both parties are
            // told, as the session is now (staff may have moved it to another mitra meanwhile)
            // and wherever they are connected now.
            const QJsonObject started = serverMessage::sessionStarted(reply->session);
            m_messenger.deliver(Role::Customer, reply->session.customer.id,
                                reply->customerInstance.isEmpty() ? customerInstance
                                                                  : reply->customerInstance,
                                {started});
            m_messenger.deliver(Role::Mitra, reply->session.mitra.id, reply->mitraInstance,
                                {started});
        });
}

void SessionService::failPayment(const QString &sessionId)
{
    runPaymentFail({QByteArrayLiteral("session"), sessionId.toUtf8()});
}

void SessionService::endOverduePayments(int batch)
{
    if (m_sweepInFlight) // a slow Valkey must not pile sweeps up
        return;
    m_sweepInFlight = true;
    runPaymentFail({QByteArrayLiteral("overdue"), QByteArray::number(batch)});
}

void SessionService::runPaymentFail(const QList<QByteArray> &args)
{
    const bool sweep = args.value(0) == "overdue";
    m_valkey.eval(LuaScripts::instance().paymentFail, keys::sessionScriptKeys(), args, this,
                  [this, sweep, args](const ValkeyResult &result) {
                      if (sweep)
                          m_sweepInFlight = false;
                      // The sweep retries what an error left (the deadline stays in Valkey).
                      if (result.isError()) {
                          qWarning("payment_fail %s: %s", args.value(1).constData(),
                                   qPrintable(result.errorText()));
                          return;
                      }
                      const auto reply = sessionreplies::parsePaymentFail(result.reply());
                      if (!reply) {
                          qWarning("payment_fail answered %s",
                                   qPrintable(result.reply().toDebugString()));
                          return;
                      }
                      for (const auto &closed : reply->ended)
                          announceEnded(closed, SessionEndReason::PaymentFailed);
                  });
}

void SessionService::announceEnded(const sessionreplies::ClosedSession &closed,
                                   SessionEndReason reason)
{
    // Its durable record is in the outbox already (lib/closing.lua).
    const QJsonObject ended = serverMessage::sessionEnded(closed.sessionId, reason);
    m_messenger.deliver(Role::Customer, closed.customerId, closed.customerInstance, {ended});
    m_messenger.deliver(Role::Mitra, closed.mitraId, closed.mitraInstance, {ended});
    if (closed.mitraAvailable)
        emit mitraSlotFreed(closed.mitraId);
}

void SessionService::end(ClientConnection *connection, const QString &sessionId,
                         const std::optional<QString> &ref)
{
    const Identity who = connection->identity();
    QPointer<ClientConnection> guard(connection);
    const SessionEndReason reason = endReasonOf(who.role);
    m_valkey.eval(
        LuaScripts::instance().sessionEnd, keys::sessionScriptKeys(),
        {sessionId.toUtf8(), who.id.toUtf8(), toString(who.role).toUtf8(),
         toString(reason).toUtf8()},
        this, [this, guard, who, reason, sessionId, ref](const ValkeyResult &result) {
            const auto reply =
                result.isError() ? std::nullopt : sessionreplies::parseSessionEnd(result.reply());
            if (!reply) {
                if (!result.isError())
                    qWarning("session_end answered %s", qPrintable(result.reply().toDebugString()));
                if (guard)
                    guard->sendError(ErrorCode::Unavailable,
                                     QStringLiteral("session store unavailable, try again"), ref);
                return;
            }
            if (reply->verdict != sessionreplies::SessionEndReply::Verdict::Ended) {
                const Refusal refusal{QStringLiteral("no session %1").arg(sessionId),
                                      QStringLiteral("session %1 is not yours").arg(sessionId),
                                      QStringLiteral("session %1 has already %2").arg(sessionId)};
                refusal.send(guard, refusalVerdict(reply->verdict), reply->conflictState, ref);
                return;
            }
            const QJsonObject ended = serverMessage::sessionEnded(sessionId, reason);
            if (guard)
                guard->send(withRef(ended, ref));
            // The other side by role: a mitra and a customer may share an id.
            const sessionreplies::ClosedSession &closed = reply->closed;
            const bool byCustomer = who.role == Role::Customer;
            m_messenger.deliver(byCustomer ? Role::Mitra : Role::Customer,
                                byCustomer ? closed.mitraId : closed.customerId,
                                byCustomer ? closed.mitraInstance : closed.customerInstance,
                                {ended});
            // Its durable record is in the outbox already (session_end). The script recorded
            // this follow-up in case its reply were lost; done, so no other instance repeats it.
            FollowUpSweeper::markDone(m_valkey, reply->followUp);
            if (closed.mitraAvailable)
                emit mitraSlotFreed(closed.mitraId);
        });
}

void SessionService::resume(ClientConnection *connection)
{
    const Identity who = connection->identity();
    QPointer<ClientConnection> guard(connection);
    m_valkey.eval(
        LuaScripts::instance().resumeState, {}, {toString(who.role).toUtf8(), who.id.toUtf8()},
        this, [guard, who](const ValkeyResult &result) {
            if (!guard || result.isError())
                return;
            for (const auto &entry : result.reply().elements()) {
                const auto &e = entry.elements();
                const QByteArray kind = e.value(0).toByteArray();
                if (kind == "offer") {
                    guard->send(serverMessage::offer(e.value(1).toText(),
                                                     Party{e.value(2).toText(), e.value(3).toText()},
                                                     e.value(4).toInteger()));
                } else if (kind == "request") {
                    guard->send(serverMessage::pairingSearching(e.value(1).toText(),
                                                                e.value(2).toInteger()));
                } else if (kind == "session") {
                    const auto session = sessionreplies::parseSessionEntry(entry);
                    if (!session)
                        continue;
                    const Session &s = *session;
                    if (who.role == Role::Mitra)
                        guard->send(serverMessage::sessionAssigned(s));
                    else if (s.state == SessionState::Active)
                        guard->send(serverMessage::sessionStarted(s));
                    else
                        guard->send(serverMessage::sessionAwaitingPayment(s));
                }
            }
        });
}

void SessionService::sendAssigned(ClientConnection *connection, const QString &sessionId,
                                  const std::optional<QString> &ref)
{
    QPointer<ClientConnection> guard(connection);
    m_valkey.command({QByteArrayLiteral("HMGET"), QByteArrayLiteral("hb:session:") + sessionId.toUtf8(),
                      QByteArrayLiteral("request"), QByteArrayLiteral("customer"),
                      QByteArrayLiteral("customer_name"), QByteArrayLiteral("mitra"),
                      QByteArrayLiteral("mitra_name"), QByteArrayLiteral("state"),
                      QByteArrayLiteral("created")},
                     this, [guard, sessionId, ref](const ValkeyResult &result) {
                         if (!guard || result.isError())
                             return;
                         // Shape it like a resume entry: {'session', id, fields...}
                         QList<ValkeyReply> fields{ValkeyReply::string("session"),
                                                   ValkeyReply::string(sessionId.toUtf8())};
                         fields += result.reply().elements();
                         const auto session =
                             sessionreplies::parseSessionEntry(ValkeyReply::array(fields));
                         if (session)
                             guard->send(withRef(serverMessage::sessionAssigned(*session), ref));
                     });
}

} // namespace hb
