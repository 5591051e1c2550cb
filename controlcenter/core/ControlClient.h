#pragma once

#include "core/ClientTypes.h"
#include "core/PendingRequest.h"
#include "protocol/ClientMessage.h"
#include "protocol/ServerMessageParser.h"
#include "protocol/StatsSnapshot.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <memory>
#include <optional>

namespace hb::cc {

// The control center's connection to a backend: signs in (password or token), keeps the
// connection alive, reconnects with backoff using the token from the sign-in (the password is
// dropped as soon as the server answered), and after every (re)connect subscribes to `stats`
// and fetches `sessions.list` and `requests.list`. While subscribed, each `stats` push also
// refreshes both lists (throttled), so everything the UI shows stays live.
//
// Requests are matched to their answers by `id`/`ref` and fail on their own after a timeout.
// No widgets here: the models (LiveModels) and the UI listen to the signals below.
class ControlClient : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Disconnected, // not connected and not trying (initial, signed out, refused, replaced)
        Connecting,   // opening the WebSocket for a sign-in the user asked for
        SigningIn,    // connected, waiting for `welcome`
        Connected,    // signed in: data flows, actions work
        Reconnecting, // the connection was lost; waiting for the next attempt or attempting
    };
    Q_ENUM(State)

    struct Options
    {
        int requestTimeoutMs = 15000;  // an unanswered request fails with TimedOut
        int signInTimeoutMs = 15000;   // connect + welcome, per attempt
        int reconnectInitialMs = 1000; // first reconnect delay, doubling ...
        int reconnectMaxMs = 30000;    // ... up to this
        double reconnectJitter = 0.2;  // each delay is randomised by up to ±20 %
        int pingIntervalMs = 10000;    // WebSocket ping while connected ...
        int pongTimeoutMs = 20000;     // ... and a connection silent this long is dropped
        int listRefreshMinIntervalMs = 400; // list refetches on stats pushes, at most this often
    };

    explicit ControlClient(QObject *parent = nullptr);
    ~ControlClient() override;

    void setOptions(const Options &options);
    Options options() const;

    // Starts signing in; ends in signedIn() or signInFailed(). Any current connection is closed
    // first. `server` is the full endpoint, e.g. ws://host:8080/v1/ws; a URL without a path gets
    // /v1/ws. The password is sent once and not kept.
    void connectWithPassword(const QUrl &server, const QString &username, const QString &password);
    void connectWithToken(const QUrl &server, const QString &token);
    // Closes the connection and stops reconnecting; pending requests fail (ConnectionLost).
    void disconnectFromServer();
    // While Reconnecting and waiting out the backoff delay: attempt now instead (the banner's
    // "Reconnect now"). The session is kept exactly as an automatic reconnect keeps it (same
    // token, no disconnected() and so no cleared models, reconnected() on success, the backoff
    // continuing from its current step on failure). Returns whether an attempt was started:
    // false in any other state, or while an attempt is already under way.
    bool reconnectNow();

    State state() const;
    bool isConnected() const { return state() == State::Connected; }
    StaffIdentity identity() const;  // valid once signed in
    QString token() const;           // for reconnects (and the UI's --token); empty before
    QString serverInstance() const;  // from `welcome`
    QUrl serverUrl() const;
    // Server clock minus local clock, from `welcome`; add it to local time to compare with the
    // server's timestamps (session ages, waited times).
    qint64 serverClockOffsetMs() const;
    std::optional<StatsSnapshot> lastStats() const;

    // Actions. Each sends one message and returns its PendingRequest (owned by the client, see
    // PendingRequest). Not connected: the request fails at once (NotConnected) - connect to it
    // the usual way, the failure is delivered from the event loop.
    PendingRequest *setCapacity(CapacityScope scope, const QString &mitraId,
                                std::optional<int> maxCustomers);
    PendingRequest *setGlobalCapacity(int maxCustomers);
    PendingRequest *setMitraCapacity(const QString &mitraId, std::optional<int> maxCustomers);
    PendingRequest *rerouteSession(const QString &sessionId, const QString &toMitraId);
    PendingRequest *forceOffline(const QString &mitraId, bool rerouteSessions);
    // [fromMs, toMs] in ms since the epoch (UTC); the answer also arrives as presenceHistory().
    PendingRequest *requestPresenceHistory(const QString &mitraId, qint64 fromMs, qint64 toMs);
    // limit 1..1000; beforeId: the next page (entries older than it); action: filter, or empty.
    // The answer also arrives as auditPage().
    PendingRequest *requestAudit(int limit, std::optional<qint64> beforeId = std::nullopt,
                                 const QString &action = QString());
    // Fetch sessions.list and requests.list now (also done automatically, see above).
    void refreshLists();

signals:
    void stateChanged(hb::cc::ControlClient::State state);
    void signedIn(const hb::cc::StaffIdentity &identity, const QString &token,
                  const QString &serverInstance);
    void signInFailed(const hb::cc::SignInError &error);
    // The connection ended; `info.willReconnect` says whether reconnecting() follows.
    void disconnected(const hb::cc::DisconnectInfo &info);
    // The next reconnect attempt (1, 2, ...) starts in `delayMs`.
    void reconnecting(int attempt, int delayMs);
    // After a reconnect: welcome again (signedIn is not repeated).
    void reconnected();

    // Live data.
    void statsReceived(const hb::StatsSnapshot &stats);
    void sessionsReceived(const QList<hb::Session> &sessions);
    void requestsReceived(const QList<hb::RequestSummary> &requests);
    void capacityUpdated(const hb::servermsg::CapacityUpdated &update);
    void sessionRerouted(const hb::Session &session);
    void mitraForcedOffline(const hb::servermsg::MitraForcedOffline &result);
    void presenceHistory(const QString &requestId, const hb::servermsg::PresenceHistory &history);
    void auditPage(const QString &requestId, const hb::servermsg::Audit &page);
    // An `error` without a ref, or one for a request nobody waits for any more (for a log).
    void serverError(const hb::servermsg::Error &error);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace hb::cc
