#pragma once

#include "domain/Session.h"
#include "protocol/Reasons.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace hb {

class ClientConnection;
class PaymentGateway;
class PostgresStore;
class UserMessenger;
class ValkeyClient;
namespace sessionreplies {
struct ClosedSession;
}

// A session's life after the accept that created it: payment (the seam), start, end, and what
// a reconnecting app is re-sent. The session holds its mitra's slot from acceptance to its end,
// or until its payment fails or its payment deadline passes (then it ends with payment_failed).
class SessionService : public QObject
{
    Q_OBJECT
public:
    SessionService(ValkeyClient &valkey, PostgresStore &store, UserMessenger &messenger,
                   PaymentGateway &payment, QObject *parent = nullptr);

    // Right after acceptance: asks for payment; once confirmed the session becomes active and
    // both parties get `session.started`; if it fails the session ends with payment_failed.
    void beginPayment(const Session &session, const QString &customerInstance);

    // Ends up to `batch` sessions still awaiting payment past their deadline, whichever instance
    // created them (PaymentSweeper calls this on every instance; each session ends once).
    void endOverduePayments(int batch);

    // `session.end` from either side.
    void end(ClientConnection *connection, const QString &sessionId,
             const std::optional<QString> &ref);

    // After `welcome`: a mitra's open offers and sessions, a customer's open request and
    // session, as the protocol's resume messages.
    void resume(ClientConnection *connection);

    // The current state of a session as `session.assigned` (accepting twice is harmless).
    void sendAssigned(ClientConnection *connection, const QString &sessionId,
                      const std::optional<QString> &ref);

signals:
    // The mitra has a free slot again (and is online): waiting requests may be offered to it.
    void mitraSlotFreed(const QString &mitraId);

private:
    void start(const QString &sessionId, const QString &customerInstance);
    void failPayment(const QString &sessionId);
    // Runs payment_fail.lua with `args` and tells both parties of each session it ended.
    void runPaymentFail(const QList<QByteArray> &args);
    void announceEnded(const sessionreplies::ClosedSession &closed, SessionEndReason reason);

    ValkeyClient &m_valkey;
    PostgresStore &m_store;
    UserMessenger &m_messenger;
    PaymentGateway &m_payment;
    bool m_sweepInFlight = false;
};

} // namespace hb
