#pragma once

#include "domain/Identity.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace hb {

class ClientConnection;
class PostgresStore;
class SessionService;
class UserMessenger;
class ValkeyClient;
class ValkeyReply;
struct RequestRecord;

// From "Mulai Curhat" to an accepted offer: creates requests, offers them to the mitras the
// strategy picks, settles accepts (first valid accept wins, atomically, in Lua), declines and
// cancels, and serves waiting requests when a mitra becomes available. Every decision is one
// Valkey script; PostgreSQL gets an idempotent record of each; pushes go to users wherever they
// are connected.
class PairingService : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString defaultStrategy = QStringLiteral("broadcast");
        qint64 requestTimeoutMs = 60000;
        qint64 offerTimeoutMs = 15000;
        // How long a session created by an accept waits for payment (offer_accept.lua).
        qint64 paymentTimeoutMs = 300000;
    };

    PairingService(Options options, ValkeyClient &valkey, PostgresStore &store,
                   UserMessenger &messenger, SessionService &sessions, QObject *parent = nullptr);

    const Options &options() const { return m_options; }

    // Customer side.
    void request(ClientConnection *customer, const std::optional<QString> &ref);
    void cancel(ClientConnection *customer, const QString &requestId,
                const std::optional<QString> &ref);

    // Mitra side.
    void accept(ClientConnection *mitra, const QString &requestId, const std::optional<QString> &ref);
    void decline(ClientConnection *mitra, const QString &requestId,
                 const std::optional<QString> &ref);

    // Offers the request to the next mitras its strategy picks (none if it is closed).
    void offerNext(const QString &requestId);
    // A mitra came online or freed a slot: offer it waiting requests, oldest first.
    void mitraBecameAvailable(const QString &mitraId);
    // A mitra went offline: its open offers are closed (expired) and their requests move on.
    void mitraWentOffline(const QString &mitraId);
    // Ends an open request without a winner (deadline passed): the sweep calls this.
    void failRequest(const QString &requestId);
    // Round-robin offers nobody answered in time.
    void expireOffers(const ValkeyReply &expired);

private:
    // Accepts are gathered while the event loop handles what is ready now and settled by one
    // script run (a broadcast's instant accepts arrive together): see offer_accept.lua.
    struct PendingAccept
    {
        QPointer<ClientConnection> connection;
        Identity who;
        QString requestId;
        std::optional<QString> ref;
        QString sessionId;
    };
    static constexpr int kMaxAcceptsPerScript = 128;
    void flushAccepts();
    void settleAccept(const PendingAccept &accept, const ValkeyReply &verdict);

    void closeRequest(const QString &requestId, bool cancelled, ClientConnection *asker,
                      const std::optional<QString> &ref);
    void deliverOffers(const ValkeyReply &reply);
    void notifyOfferClosed(const QString &mitraId, const QString &instance,
                           const QString &requestId, const QString &reason);

    Options m_options;
    ValkeyClient &m_valkey;
    PostgresStore &m_store;
    UserMessenger &m_messenger;
    SessionService &m_sessions;
    QList<PendingAccept> m_pendingAccepts;
    bool m_acceptFlushQueued = false;
};

} // namespace hb
