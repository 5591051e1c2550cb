#pragma once

#include "domain/Session.h"

#include <QObject>
#include <QString>

#include <optional>

namespace hb {

class ClientConnection;
class PaymentGateway;
class PostgresStore;
class UserMessenger;
class ValkeyClient;

// A session's life after the accept that created it: payment (the seam), start, end, and what
// a reconnecting app is re-sent. The session holds its mitra's slot from acceptance to its end.
class SessionService : public QObject
{
    Q_OBJECT
public:
    SessionService(ValkeyClient &valkey, PostgresStore &store, UserMessenger &messenger,
                   PaymentGateway &payment, QObject *parent = nullptr);

    // Right after acceptance: asks for payment; once confirmed the session becomes active and
    // the customer gets `session.started`.
    void beginPayment(const Session &session, const QString &customerInstance);

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
    ValkeyClient &m_valkey;
    PostgresStore &m_store;
    UserMessenger &m_messenger;
    PaymentGateway &m_payment;
};

} // namespace hb
