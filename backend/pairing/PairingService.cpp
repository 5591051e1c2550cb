#include "PairingService.h"

#include "RequestInfo.h"
#include "cluster/Keys.h"
#include "cluster/UserMessenger.h"
#include "gateway/ClientConnection.h"
#include "gateway/Refusal.h"
#include "lua/LuaScripts.h"
#include "protocol/Reasons.h"
#include "protocol/ServerMessages.h"
#include "sessions/FollowUpSweeper.h"
#include "sessions/SessionService.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QDateTime>
#include <QMap>
#include <QPointer>
#include <QUuid>

namespace hb {

namespace {

QString newId(const char *prefix)
{
    return QLatin1String(prefix) + QUuid::createUuid().toString(QUuid::Id128);
}


qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Sends `unavailable` when Valkey did not answer; true if the caller should stop.
// Accept and decline refuse in the same words.
Refusal offerRefusal(const QString &requestId)
{
    return Refusal{QStringLiteral("no request %1").arg(requestId),
                   QStringLiteral("request %1 was not offered to you").arg(requestId),
                   QStringLiteral("the offer is closed (%1)")};
}

bool failedOver(const ValkeyResult &result, ClientConnection *c, const std::optional<QString> &ref)
{
    if (!result.isError())
        return false;
    qWarning("pairing: Valkey failed: %s", qPrintable(result.errorText()));
    if (c)
        c->sendError(ErrorCode::Unavailable,
                     QStringLiteral("pairing store unavailable, try again"), ref);
    return true;
}

} // namespace

PairingService::PairingService(Options options, ValkeyClient &valkey, PostgresStore &store,
                               UserMessenger &messenger, SessionService &sessions, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_valkey(valkey), m_store(store),
      m_messenger(messenger), m_sessions(sessions)
{
}

void PairingService::request(ClientConnection *customer, const std::optional<QString> &ref)
{
    const QString rid = newId("req_");
    const Identity who = customer->identity();
    QPointer<ClientConnection> guard(customer);
    m_valkey.eval(
        LuaScripts::instance().requestCreate, {},
        {rid.toUtf8(), who.id.toUtf8(), who.name.toUtf8(),
         QByteArray::number(m_options.requestTimeoutMs), m_options.defaultStrategy.toUtf8(),
         QByteArray::number(m_options.offerTimeoutMs)},
        this, [this, guard, rid, who, ref](const ValkeyResult &result) {
            if (failedOver(result, guard, ref))
                return;
            const auto &e = result.reply().elements();
            const QByteArray verdict = e.value(0).toByteArray();
            if (verdict == "conflict") {
                if (guard)
                    guard->send(serverMessage::openRequestConflict(e.value(1).toText(), ref));
                return;
            }
            if (verdict == "session") {
                if (guard)
                    guard->sendError(ErrorCode::Conflict,
                                     QStringLiteral("you are already in session %1: end it "
                                                    "before looking for another Bestie")
                                         .arg(e.value(1).toText()),
                                     ref);
                return;
            }
            RequestRecord record;
            record.id = rid;
            record.customerId = who.id;
            record.customerName = who.name;
            record.createdAtMs = e.value(1).toInteger();
            record.deadlineAtMs = e.value(2).toInteger();
            record.strategy = e.value(3).toText();
            m_store.recordRequestCreated(record);
            if (guard)
                guard->send(withRef(serverMessage::pairingSearching(rid, record.deadlineAtMs), ref));
            // The script offered it in the same step (one round trip less per request).
            deliverOffers(e.value(4));
        });
}

void PairingService::offerNext(const QString &requestId)
{
    m_valkey.eval(LuaScripts::instance().requestOffer, {},
                  {requestId.toUtf8(), QByteArray::number(m_options.offerTimeoutMs)}, this,
                  [this](const ValkeyResult &result) {
                      if (!failedOver(result, nullptr, std::nullopt))
                          deliverOffers(result.reply());
                  });
}

void PairingService::deliverOffers(const ValkeyReply &reply)
{
    // {request_info, {mitra, instance, expires_ms}...}
    const auto &e = reply.elements();
    if (e.size() < 2)
        return;
    const RequestRecord record = requestRecordFrom(e.at(0));
    const Party customer{record.customerId, record.customerName};
    QStringList mitras;
    // A broadcast's offers are one message (same request, same deadline): encoded once, sent
    // to each instance once. Round-robin offers differ by their expiry.
    QMap<qint64, QList<UserMessenger::Recipient>> byExpiry;
    for (qsizetype i = 1; i < e.size(); ++i) {
        const auto &o = e.at(i).elements();
        const QString mitra = o.value(0).toText();
        mitras << mitra;
        byExpiry[o.value(2).toInteger()].append({mitra, o.value(1).toText()});
    }
    for (auto it = byExpiry.cbegin(); it != byExpiry.cend(); ++it)
        m_messenger.deliverToMany(Role::Mitra, it.value(), serverMessage::offer(record.id, customer, it.key()));
    m_store.recordOffers(record, mitras, nowMs());
}

void PairingService::accept(ClientConnection *mitra, const QString &requestId,
                            const std::optional<QString> &ref)
{
    m_pendingAccepts.append(
        PendingAccept{QPointer<ClientConnection>(mitra), mitra->identity(), requestId, ref,
                      newId("ses_")});
    if (!m_acceptFlushQueued) {
        // Runs once the event loop has handled everything ready now.
        m_acceptFlushQueued = true;
        QMetaObject::invokeMethod(this, &PairingService::flushAccepts, Qt::QueuedConnection);
    }
}

void PairingService::flushAccepts()
{
    m_acceptFlushQueued = false;
    const QList<PendingAccept> pending = std::exchange(m_pendingAccepts, {});
    for (qsizetype first = 0; first < pending.size(); first += kMaxAcceptsPerScript) {
        const QList<PendingAccept> batch = pending.mid(first, kMaxAcceptsPerScript);
        QList<QByteArray> args{QByteArray::number(m_options.paymentTimeoutMs)};
        args.reserve(1 + batch.size() * 4);
        for (const PendingAccept &a : batch)
            args << a.requestId.toUtf8() << a.who.id.toUtf8() << a.sessionId.toUtf8()
                 << a.who.name.toUtf8();
        m_valkey.eval(LuaScripts::instance().offerAccept, keys::sessionScriptKeys(), args, this,
                      [this, batch](const ValkeyResult &result) {
                          for (qsizetype i = 0; i < batch.size(); ++i) {
                              if (failedOver(result, batch.at(i).connection, batch.at(i).ref))
                                  continue;
                              settleAccept(batch.at(i), result.reply().elements().value(i));
                          }
                      });
    }
}

void PairingService::settleAccept(const PendingAccept &accept, const ValkeyReply &verdictReply)
{
    const QPointer<ClientConnection> &guard = accept.connection;
    const Identity &who = accept.who;
    const QString &requestId = accept.requestId;
    const std::optional<QString> &ref = accept.ref;
    const auto &e = verdictReply.elements();
    const QByteArray verdict = e.value(0).toByteArray();
    if (verdict == "already") { // accepting twice is harmless
        if (guard)
            m_sessions.sendAssigned(guard, e.value(1).toText(), ref);
        return;
    }
    if (verdict == "capacity_full") {
        // The script closed this mitra's offer: tell it, log it, move the request on.
        offerRefusal(requestId).send(guard, verdict, QString(), ref);
        const RequestRecord record = requestRecordFrom(e.value(1));
        const QString expired = toString(OfferClosedReason::Expired);
        if (guard)
            guard->send(serverMessage::offerClosed(requestId, OfferClosedReason::Expired));
        m_store.recordOfferClosed(record, who.id, expired, nowMs());
        offerNext(requestId);
        return;
    }
    if (verdict != "won") {
        offerRefusal(requestId).send(guard, verdict, e.value(1).toText(), ref);
        return;
    }
    // {'won', sid, accepted_ms, customer_instance, request_info, follow-up, {taken, instance}...}
    const qint64 acceptedAt = e.value(2).toInteger();
    const QString customerInstance = e.value(3).toText();
    const RequestRecord record = requestRecordFrom(e.value(4));
    Session session;
    session.id = e.value(1).toText();
    session.requestId = requestId;
    session.customer = Party{record.customerId, record.customerName};
    session.mitra = Party{who.id, who.name};
    session.state = SessionState::AwaitingPayment;
    session.startedAtMs = acceptedAt;

    // The pairing first (the customer waits for it), then the losers' offer.closed: a few
    // hundred microseconds later makes no difference to a person, but sent first the losers'
    // messages would delay the customer's by as many writes.
    if (guard)
        guard->send(withRef(serverMessage::sessionAssigned(session), ref));
    m_messenger.deliver(Role::Customer, record.customerId, customerInstance,
                        {serverMessage::pairingFound(requestId, session.mitra),
                         serverMessage::sessionAwaitingPayment(session)});
    m_sessions.beginPayment(session, customerInstance);
    QList<UserMessenger::Recipient> losers;
    for (qsizetype i = 6; i < e.size(); ++i) {
        const auto &t = e.at(i).elements();
        losers.append({t.value(0).toText(), t.value(1).toText()});
    }
    m_messenger.deliverToMany(Role::Mitra, losers,
                              serverMessage::offerClosed(requestId, OfferClosedReason::Taken));
    // The script recorded these follow-ups in case this reply were lost; done, so no other
    // instance repeats them (FollowUpSweeper).
    FollowUpSweeper::markDone(m_valkey, e.value(5).toByteArray());
    // The durable record (request matched, offer accepted, session, first assignment) went to
    // the outbox in the same step (offer_accept: session.accepted); EventShipper ships it.
}

void PairingService::decline(ClientConnection *mitra, const QString &requestId,
                             const std::optional<QString> &ref)
{
    const QString mitraId = mitra->identity().id;
    QPointer<ClientConnection> guard(mitra);
    m_valkey.eval(LuaScripts::instance().offerDecline, {}, {requestId.toUtf8(), mitraId.toUtf8()},
                  this, [this, guard, requestId, mitraId, ref](const ValkeyResult &result) {
                      if (failedOver(result, guard, ref))
                          return;
                      const auto &e = result.reply().elements();
                      const QByteArray verdict = e.value(0).toByteArray();
                      if (verdict != "ok") {
                          offerRefusal(requestId).send(guard, verdict, e.value(1).toText(), ref);
                          return;
                      }
                      const RequestRecord record = requestRecordFrom(e.value(1));
                      if (guard)
                          guard->send(withRef(
                              serverMessage::offerClosed(requestId, OfferClosedReason::Declined), ref));
                      m_store.recordOfferClosed(record, mitraId, QStringLiteral("declined"), nowMs());
                      offerNext(requestId); // round robin: the next mitra's turn
                      mitraBecameAvailable(mitraId); // maybe another waiting request for it
                  });
}

void PairingService::cancel(ClientConnection *customer, const QString &requestId,
                            const std::optional<QString> &ref)
{
    closeRequest(requestId, true, customer, ref);
}

void PairingService::failRequest(const QString &requestId)
{
    closeRequest(requestId, false, nullptr, std::nullopt);
}

void PairingService::closeRequest(const QString &requestId, bool cancelled,
                                  ClientConnection *asker, const std::optional<QString> &ref)
{
    QPointer<ClientConnection> guard(asker);
    const QByteArray status = cancelled ? QByteArrayLiteral("cancelled") : QByteArrayLiteral("failed");
    m_valkey.eval(
        LuaScripts::instance().requestClose, {},
        {requestId.toUtf8(), status, asker ? asker->identity().id.toUtf8() : QByteArray()}, this,
        [this, guard, requestId, cancelled, ref](const ValkeyResult &result) {
            if (failedOver(result, guard, ref))
                return;
            const auto &e = result.reply().elements();
            const QByteArray verdict = e.value(0).toByteArray();
            if (verdict != "ok") {
                const Refusal refusal{QStringLiteral("no request %1").arg(requestId),
                                      QStringLiteral("request %1 is not yours").arg(requestId),
                                      QStringLiteral("request %1 is already %2").arg(requestId)};
                refusal.send(guard, verdict, e.value(1).toText(), ref);
                return;
            }
            // {'ok', customer_instance, reason, closed_ms, request_info, {mitra, instance}...}
            const QString customerInstance = e.value(1).toText();
            const QString reason = e.value(2).toText();
            const qint64 closedAt = e.value(3).toInteger();
            const RequestRecord record = requestRecordFrom(e.value(4));
            const QString offerReason = toString(cancelled ? OfferClosedReason::Cancelled
                                                           : OfferClosedReason::Expired);
            QList<UserMessenger::Recipient> offered;
            for (qsizetype i = 5; i < e.size(); ++i) {
                const auto &m = e.at(i).elements();
                offered.append({m.value(0).toText(), m.value(1).toText()});
                m_store.recordOfferClosed(record, m.value(0).toText(), offerReason, closedAt);
            }
            m_messenger.deliverToMany(
                Role::Mitra, offered, serverMessage::offerClosed(requestId, offerClosedReasonFromString(offerReason)
                                                                   .value_or(OfferClosedReason::Expired)));
            if (cancelled) {
                if (guard)
                    guard->send(withRef(serverMessage::pairingCancelled(requestId), ref));
            } else {
                m_messenger.deliver(
                    Role::Customer, record.customerId, customerInstance,
                    {serverMessage::pairingFailed(
                        requestId, pairingFailedReasonFromString(reason)
                                       .value_or(PairingFailedReason::Timeout))});
            }
            m_store.recordRequestClosed(record, cancelled ? QStringLiteral("cancelled")
                                                          : QStringLiteral("failed"),
                                        reason, closedAt);
        });
}

void PairingService::notifyOfferClosed(const QString &mitraId, const QString &instance,
                                       const QString &requestId, const QString &reason)
{
    m_messenger.deliver(Role::Mitra, mitraId, instance,
                        {serverMessage::offerClosed(requestId, offerClosedReasonFromString(reason)
                                                                   .value_or(OfferClosedReason::Expired))});
}

void PairingService::mitraBecameAvailable(const QString &mitraId)
{
    m_valkey.eval(LuaScripts::instance().requestsWaiting, {},
                  {mitraId.toUtf8(), QByteArrayLiteral("200")}, this,
                  [this, mitraId](const ValkeyResult &result) {
                      if (failedOver(result, nullptr, std::nullopt))
                          return;
                      for (const auto &rid : result.reply().elements()) {
                          m_valkey.eval(LuaScripts::instance().offerTo, {},
                                        {rid.toByteArray(), mitraId.toUtf8(),
                                         QByteArray::number(m_options.offerTimeoutMs)},
                                        this, [this, mitraId](const ValkeyResult &offered) {
                                            if (failedOver(offered, nullptr, std::nullopt))
                                                return;
                                            // {request_info, expires_ms, mitra instance}
                                            const auto &o = offered.reply().elements();
                                            if (o.size() < 3)
                                                return;
                                            const RequestRecord record = requestRecordFrom(o.at(0));
                                            m_messenger.deliver(
                                                Role::Mitra, mitraId, o.at(2).toText(),
                                                {serverMessage::offer(
                                                    record.id,
                                                    Party{record.customerId, record.customerName},
                                                    o.at(1).toInteger())});
                                            m_store.recordOffers(record, {mitraId}, nowMs());
                                        });
                      }
                  });
}

void PairingService::mitraWentOffline(const QString &mitraId)
{
    m_valkey.eval(LuaScripts::instance().offersWithdraw, {}, {mitraId.toUtf8()}, this,
                  [this, mitraId](const ValkeyResult &result) {
                      if (failedOver(result, nullptr, std::nullopt))
                          return;
                      const QString expired = toString(OfferClosedReason::Expired);
                      // {mitra_instance, request_info...}
                      const auto &e = result.reply().elements();
                      const QString instance = e.value(0).toText();
                      for (qsizetype i = 1; i < e.size(); ++i) {
                          const RequestRecord record = requestRecordFrom(e.at(i));
                          // Its socket may still be open (a timed-out phone, a forced offline),
                          // on this instance or another: tell it.
                          notifyOfferClosed(mitraId, instance, record.id, expired);
                          m_store.recordOfferClosed(record, mitraId, expired, nowMs());
                          offerNext(record.id);
                      }
                  });
}

void PairingService::expireOffers(const ValkeyReply &expired)
{
    // {{request_info, mitra, instance}...}
    const QString reason = toString(OfferClosedReason::Expired);
    for (const auto &entry : expired.elements()) {
        const auto &x = entry.elements();
        const RequestRecord record = requestRecordFrom(x.value(0));
        const QString mitra = x.value(1).toText();
        notifyOfferClosed(mitra, x.value(2).toText(), record.id, reason);
        m_store.recordOfferClosed(record, mitra, reason, nowMs());
        offerNext(record.id);
    }
}

} // namespace hb
