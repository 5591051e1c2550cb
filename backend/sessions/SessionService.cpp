#include "SessionService.h"

#include "PaymentGateway.h"
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


// {'session', id, request, customer, customer_name, mitra, mitra_name, state, created}
// Who ended it decides the reason both parties and PostgreSQL are told.
SessionEndReason endReasonOf(Role role)
{
    return role == Role::Mitra ? SessionEndReason::EndedByMitra
                               : SessionEndReason::EndedByCustomer;
}

Session sessionFrom(const ValkeyReply &entry)
{
    const auto &e = entry.elements();
    Session s;
    s.id = e.value(1).toText();
    s.requestId = e.value(2).toText();
    s.customer = Party{e.value(3).toText(), e.value(4).toText()};
    s.mitra = Party{e.value(5).toText(), e.value(6).toText()};
    s.state = sessionStateFromString(e.value(7).toText()).value_or(SessionState::AwaitingPayment);
    s.startedAtMs = e.value(8).toInteger();
    return s;
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
        [this, session, customerInstance](PaymentGateway::Outcome outcome) {
            if (outcome != PaymentGateway::Outcome::Confirmed) {
                // TODO(payment phase): a failed payment ends the session and frees the slot.
                // ImmediatePayment never fails in phase 2.
                qWarning("payment failed for session %s", qPrintable(session.id));
                return;
            }
            m_valkey.eval(
                LuaScripts::instance().sessionStart, {keys::outboxStream()},
                {session.id.toUtf8()}, this,
                [this, session, customerInstance](const ValkeyResult &result) {
                    if (result.isError()) {
                        qWarning("session %s: cannot start: %s", qPrintable(session.id),
                                 qPrintable(result.errorText()));
                        return;
                    }
                    const auto &e = result.reply().elements();
                    if (e.value(0).toByteArray() != "ok")
                        return; // ended or rerouted meanwhile: nothing to start
                    const qint64 startedAt = e.value(1).toInteger();
                    // Its durable record is in the outbox already (session_start).
                    // As it is now (staff may have rerouted it meanwhile), sent wherever the
                    // customer is now.
                    Session started = sessionFrom(e.value(2));
                    started.startedAtMs = startedAt;
                    const QString instance = e.value(3).toText();
                    m_messenger.deliver(Role::Customer, session.customer.id,
                                        instance.isEmpty() ? customerInstance : instance,
                                        {serverMessage::sessionStarted(started)});
                });
        });
}

void SessionService::end(ClientConnection *connection, const QString &sessionId,
                         const std::optional<QString> &ref)
{
    const Identity who = connection->identity();
    QPointer<ClientConnection> guard(connection);
    m_valkey.eval(
        LuaScripts::instance().sessionEnd, {keys::outboxStream()},
        {sessionId.toUtf8(), who.id.toUtf8(), toString(who.role).toUtf8(),
         toString(endReasonOf(who.role)).toUtf8()},
        this, [this, guard, who, sessionId, ref](const ValkeyResult &result) {
            if (result.isError()) {
                if (guard)
                    guard->sendError(ErrorCode::Unavailable,
                                     QStringLiteral("session store unavailable, try again"), ref);
                return;
            }
            const auto &e = result.reply().elements();
            const QByteArray verdict = e.value(0).toByteArray();
            if (verdict != "ok") {
                const Refusal refusal{QStringLiteral("no session %1").arg(sessionId),
                                      QStringLiteral("session %1 is not yours").arg(sessionId),
                                      QStringLiteral("session %1 has already %2").arg(sessionId)};
                refusal.send(guard, verdict, e.value(1).toText(), ref);
                return;
            }
            // {'ok', ended_ms, customer, customer_instance, mitra, mitra_instance, available}
            const SessionEndReason reason = endReasonOf(who.role);
            const QJsonObject ended = serverMessage::sessionEnded(sessionId, reason);
            if (guard)
                guard->send(withRef(ended, ref));
            const QString customer = e.value(2).toText();
            const QString mitra = e.value(4).toText();
            // The other side by role: a mitra and a customer may share an id.
            const bool byCustomer = who.role == Role::Customer;
            const QString other = byCustomer ? mitra : customer;
            const QString otherInstance = byCustomer ? e.value(5).toText() : e.value(3).toText();
            m_messenger.deliver(byCustomer ? Role::Mitra : Role::Customer, other, otherInstance,
                                {ended});
            // Its durable record is in the outbox already (session_end).
            if (e.value(6).toInteger() == 1)
                emit mitraSlotFreed(mitra);
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
                    const Session s = sessionFrom(entry);
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
                         guard->send(withRef(
                             serverMessage::sessionAssigned(sessionFrom(ValkeyReply::array(fields))),
                             ref));
                     });
}

} // namespace hb
