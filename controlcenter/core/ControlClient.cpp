#include "ControlClient.h"

#include "Backoff.h"
#include "ConnectionFailures.h"
#include "RefreshThrottle.h"
#include "RequestTracker.h"
#include "ServerConnection.h"
#include "domain/CapacityRule.h"
#include "protocol/ClientMessageWriter.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcClient, "hb.cc.client")

namespace hb::cc {

namespace {

constexpr int kResubscribeDelayMs = 2000; // after stats.subscribe answered `unavailable`

QUrl normalised(QUrl url)
{
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QStringLiteral("/v1/ws"));
    return url;
}

} // namespace

// The connection's life and the client's state machine; ControlClient is its face.
class ControlClient::Private
{
public:
    explicit Private(ControlClient *owner) : q(owner), tracker(owner), throttle(400, owner)
    {
        signInTimer.setSingleShot(true);
        reconnectTimer.setSingleShot(true);
    }

    ControlClient *q;
    Options options;
    State state = State::Disconnected;

    QUrl url;
    QString username;
    QString password; // only until the server answered the sign-in
    QString token;
    bool everSignedIn = false; // this session was welcomed once: losses reconnect with the token

    StaffIdentity identity;
    QString serverInstance;
    qint64 clockOffsetMs = 0;
    std::optional<StatsSnapshot> lastStats;

    ServerConnection *connection = nullptr;
    QString signInId; // the login/hello awaiting welcome
    std::optional<servermsg::Error> signInRefusal;
    QTimer signInTimer;
    QTimer reconnectTimer;
    Backoff backoff;
    RequestTracker tracker;
    RefreshThrottle throttle;
    int listsInFlight = 0;

    void setState(State s)
    {
        if (state == s)
            return;
        state = s;
        emit q->stateChanged(s);
    }

    void dropConnection()
    {
        if (!connection)
            return;
        connection->disconnect(q);
        connection->deleteLater();
        connection = nullptr;
    }

    void startAttempt()
    {
        dropConnection();
        signInId.clear();
        signInRefusal.reset();
        connection = new ServerConnection(q);
        QObject::connect(connection, &ServerConnection::opened, q, [this] { onOpened(); });
        QObject::connect(connection, &ServerConnection::received, q,
                         [this](const ServerParseResult &r, const QJsonObject &raw) {
                             onReceived(r, raw);
                         });
        QObject::connect(connection, &ServerConnection::ended, q,
                         [this](const ConnectionEnd &end) { onEnded(end); });
        signInTimer.start(options.signInTimeoutMs);
        connection->open(url, options.pingIntervalMs, options.pongTimeoutMs);
    }

    void onOpened()
    {
        if (state == State::Connecting)
            setState(State::SigningIn);
        signInId = QStringLiteral("cc-signin-") + QString::number(QDateTime::currentMSecsSinceEpoch());
        const bool withPassword = !password.isEmpty();
        const QJsonObject message =
            withPassword
                ? toJson(ClientMessage::make(clientmsg::Login{username, password}, signInId))
                : toJson(ClientMessage::make(clientmsg::Hello{token}, signInId));
        connection->send(message);
    }

    void onReceived(const ServerParseResult &result, const QJsonObject &raw)
    {
        if (!result.ok()) {
            qCWarning(lcClient) << "unreadable message from the server:" << result.error;
            if (result.ref && !tracker.answerUnreadable(*result.ref, result.error) &&
                *result.ref == signInId) {
                signInRefusal = servermsg::Error{std::nullopt, QStringLiteral("bad_reply"),
                                                 result.error};
                connection->abort(ConnectionEnd::Cause::SignedOff);
            }
            return;
        }
        const ServerMessage &message = *result.message;
        if (!signInId.isEmpty() && message.ref == signInId) {
            onSignInAnswer(message);
            return;
        }
        if (state != State::Connected)
            return; // held messages before welcome cannot exist: we send nothing before it
        dispatch(message);
        if (const auto *error = message.getIf<servermsg::Error>()) {
            if (!tracker.answer(message, raw))
                emit q->serverError(*error);
        } else {
            tracker.answer(message, raw);
        }
    }

    void onSignInAnswer(const ServerMessage &message)
    {
        signInId.clear();
        if (const auto *error = message.getIf<servermsg::Error>()) {
            // The server closes right after; do not wait for it.
            signInRefusal = *error;
            connection->abort(ConnectionEnd::Cause::SignedOff);
            return;
        }
        const auto *welcome = message.getIf<servermsg::Welcome>();
        const bool withPassword = !password.isEmpty();
        password.clear();
        if (!welcome || welcome->role != Role::Staff || (withPassword && !welcome->token)) {
            signInRefusal = servermsg::Error{
                ErrorCode::Forbidden, QStringLiteral("not_staff"),
                welcome && welcome->role != Role::Staff
                    ? QStringLiteral("this sign-in is not a staff account")
                    : QStringLiteral("the server's answer to the sign-in was incomplete")};
            connection->abort(ConnectionEnd::Cause::SignedOff);
            return;
        }
        signInTimer.stop();
        if (welcome->token)
            token = *welcome->token;
        identity = StaffIdentity{welcome->userId, welcome->name,
                                 welcome->staffRole.value_or(StaffRole::Viewer)};
        serverInstance = welcome->serverInstance;
        clockOffsetMs = welcome->serverTimeMs - QDateTime::currentMSecsSinceEpoch();
        backoff.reset();
        const bool isReconnect = everSignedIn;
        everSignedIn = true;
        setState(State::Connected);
        if (isReconnect)
            emit q->reconnected();
        else
            emit q->signedIn(identity, token, serverInstance);
        if (state != State::Connected)
            return; // a receiver signed out
        subscribe();
        throttle.request();
    }

    void dispatch(const ServerMessage &message)
    {
        if (const auto *stats = message.getIf<StatsSnapshot>()) {
            lastStats = *stats;
            emit q->statsReceived(*stats);
            if (!message.ref)
                throttle.request(); // a change: the lists may have changed too
        } else if (const auto *sessions = message.getIf<servermsg::Sessions>()) {
            emit q->sessionsReceived(sessions->sessions);
        } else if (const auto *requests = message.getIf<servermsg::Requests>()) {
            emit q->requestsReceived(requests->requests);
        } else if (const auto *capacity = message.getIf<servermsg::CapacityUpdated>()) {
            emit q->capacityUpdated(*capacity);
        } else if (const auto *rerouted = message.getIf<servermsg::SessionRerouted>()) {
            emit q->sessionRerouted(rerouted->session);
        } else if (const auto *forced = message.getIf<servermsg::MitraForcedOffline>()) {
            emit q->mitraForcedOffline(*forced);
        } else if (const auto *history = message.getIf<servermsg::PresenceHistory>()) {
            emit q->presenceHistory(message.ref.value_or(QString()), *history);
        } else if (const auto *audit = message.getIf<servermsg::Audit>()) {
            emit q->auditPage(message.ref.value_or(QString()), *audit);
        }
    }

    void onEnded(const ConnectionEnd &end)
    {
        signInTimer.stop();
        dropConnection();
        const bool wasConnected = state == State::Connected;
        tracker.failAll(RequestFailure{
            RequestFailure::Kind::ConnectionLost, std::nullopt, QString(),
            QStringLiteral("The connection was lost before the server answered; the change may "
                           "or may not have happened.")});
        throttle.reset();
        listsInFlight = 0;

        if (wasConnected) {
            const DisconnectInfo info = disconnectInfoFromEnd(end);
            if (!info.willReconnect)
                forgetSession(info.kind == DisconnectInfo::Kind::SignedOut);
            emit q->disconnected(info);
            if (info.willReconnect)
                scheduleReconnect();
            else
                setState(State::Disconnected);
            return;
        }
        if (everSignedIn) {
            // A reconnect attempt failed.
            if (isFinalReconnectFailure(end, signInRefusal)) {
                forgetSession(true);
                DisconnectInfo info;
                info.kind = DisconnectInfo::Kind::Unauthorized;
                info.closeCode = end.closeCode;
                info.message = QStringLiteral("The server no longer accepts this sign-in. "
                                              "Please sign in again.");
                setState(State::Disconnected);
                emit q->disconnected(info);
            } else {
                scheduleReconnect();
            }
            return;
        }
        // The sign-in the user asked for failed.
        const bool withPassword = !username.isEmpty(); // connectWithToken() clears it
        const SignInError error = signInRefusal ? signInErrorFromServer(*signInRefusal, withPassword)
                                                : signInErrorFromEnd(end, withPassword);
        forgetSession(true);
        setState(State::Disconnected);
        emit q->signInFailed(error);
    }

    void forgetSession(bool forgetToken)
    {
        password.clear();
        if (forgetToken) {
            token.clear();
            everSignedIn = false;
        }
        reconnectTimer.stop();
    }

    void scheduleReconnect()
    {
        const int delay = backoff.nextDelayMs();
        setState(State::Reconnecting);
        reconnectTimer.start(delay);
        emit q->reconnecting(backoff.attempts(), delay);
    }

    // stats.subscribe: the reply and every push arrive as stats. If the live state cannot be
    // read the server answers `unavailable` and nothing is subscribed: ask again shortly.
    void subscribe()
    {
        PendingRequest *r = send(QStringLiteral("stats.subscribe"),
                                 toJson(ClientMessage::make(clientmsg::StatsSubscribe{})));
        QObject::connect(r, &PendingRequest::failed, q, [this](const RequestFailure &f) {
            if (f.kind == RequestFailure::Kind::ServerError ||
                f.kind == RequestFailure::Kind::TimedOut) {
                QTimer::singleShot(kResubscribeDelayMs, q, [this] {
                    if (state == State::Connected)
                        subscribe();
                });
            }
        });
    }

    void sendLists()
    {
        listsInFlight = 2;
        const auto oneDone = [this] {
            if (listsInFlight > 0 && --listsInFlight == 0)
                throttle.done();
        };
        QObject::connect(send(QStringLiteral("sessions.list"),
                              toJson(ClientMessage::make(clientmsg::SessionsList{}))),
                         &PendingRequest::finished, q, oneDone);
        QObject::connect(send(QStringLiteral("requests.list"),
                              toJson(ClientMessage::make(clientmsg::RequestsList{}))),
                         &PendingRequest::finished, q, oneDone);
    }

    // Sends one message with a fresh id and returns its request.
    PendingRequest *send(const QString &type, QJsonObject message)
    {
        PendingRequest *request = tracker.start(type);
        if (state != State::Connected || !connection) {
            failSoon(request, RequestFailure::Kind::NotConnected,
                     QStringLiteral("Not connected to the server."));
            return request;
        }
        message.insert(QStringLiteral("id"), request->id());
        if (!connection->send(message)) {
            failSoon(request, RequestFailure::Kind::ConnectionLost,
                     QStringLiteral("The message could not be sent: the connection is closing."));
        }
        return request;
    }

    // Callers connect to the request after it is returned: fail it from the event loop.
    void failSoon(PendingRequest *request, RequestFailure::Kind kind, const QString &message)
    {
        QTimer::singleShot(0, request, [request, kind, message] {
            request->fail(RequestFailure{kind, std::nullopt, QString(), message});
        });
    }
};

ControlClient::ControlClient(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    setOptions(Options{});
    connect(&d->signInTimer, &QTimer::timeout, this, [this] {
        if (d->connection)
            d->connection->abort(ConnectionEnd::Cause::TimedOut);
    });
    connect(&d->reconnectTimer, &QTimer::timeout, this, [this] { d->startAttempt(); });
    connect(&d->throttle, &RefreshThrottle::fire, this, [this] { d->sendLists(); });
}

ControlClient::~ControlClient()
{
    d->dropConnection();
}

void ControlClient::setOptions(const Options &options)
{
    d->options = options;
    d->tracker.setTimeoutMs(options.requestTimeoutMs);
    d->backoff.configure(options.reconnectInitialMs, options.reconnectMaxMs,
                         options.reconnectJitter);
    d->throttle.setMinInterval(options.listRefreshMinIntervalMs);
}

ControlClient::Options ControlClient::options() const
{
    return d->options;
}

void ControlClient::connectWithPassword(const QUrl &server, const QString &username,
                                        const QString &password)
{
    disconnectFromServer();
    d->url = normalised(server);
    d->username = username;
    d->password = password;
    d->setState(State::Connecting);
    d->startAttempt();
}

void ControlClient::connectWithToken(const QUrl &server, const QString &token)
{
    disconnectFromServer();
    d->url = normalised(server);
    d->username.clear();
    d->token = token;
    d->setState(State::Connecting);
    d->startAttempt();
}

void ControlClient::disconnectFromServer()
{
    const State before = d->state;
    d->signInTimer.stop();
    d->forgetSession(true);
    if (d->connection && before == State::Connected) {
        d->connection->close(); // onEnded reports SignedOut and goes Disconnected
        return;
    }
    d->dropConnection();
    d->tracker.failAll(RequestFailure{RequestFailure::Kind::ConnectionLost, std::nullopt,
                                      QString(), QStringLiteral("Signed out.")});
    d->throttle.reset();
    d->setState(State::Disconnected);
    if (before == State::Reconnecting) {
        DisconnectInfo info;
        info.kind = DisconnectInfo::Kind::SignedOut;
        info.message = QStringLiteral("Signed out.");
        emit disconnected(info);
    }
}

bool ControlClient::reconnectNow()
{
    // The timer runs only between attempts; during one the connection is being opened.
    if (d->state != State::Reconnecting || !d->reconnectTimer.isActive())
        return false;
    d->reconnectTimer.stop();
    d->startAttempt();
    return true;
}

ControlClient::State ControlClient::state() const
{
    return d->state;
}

StaffIdentity ControlClient::identity() const
{
    return d->identity;
}

QString ControlClient::token() const
{
    return d->token;
}

QString ControlClient::serverInstance() const
{
    return d->serverInstance;
}

QUrl ControlClient::serverUrl() const
{
    return d->url;
}

qint64 ControlClient::serverClockOffsetMs() const
{
    return d->clockOffsetMs;
}

std::optional<StatsSnapshot> ControlClient::lastStats() const
{
    return d->lastStats;
}

PendingRequest *ControlClient::setCapacity(CapacityScope scope, const QString &mitraId,
                                           std::optional<int> maxCustomers)
{
    const bool valid = (maxCustomers ? isValidCapacity(*maxCustomers)
                                     : scope == CapacityScope::Mitra) &&
                       (scope == CapacityScope::Global || !mitraId.isEmpty());
    if (!valid) {
        PendingRequest *request = d->tracker.start(QStringLiteral("capacity.set"));
        d->failSoon(request, RequestFailure::Kind::Invalid,
                    QStringLiteral("A capacity must be a whole number from %1 to %2.")
                        .arg(kMinCapacity)
                        .arg(kMaxCapacity));
        return request;
    }
    return d->send(QStringLiteral("capacity.set"),
                   toJson(ClientMessage::make(clientmsg::CapacitySet{
                       scope, scope == CapacityScope::Mitra ? mitraId : QString(), maxCustomers})));
}

PendingRequest *ControlClient::setGlobalCapacity(int maxCustomers)
{
    return setCapacity(CapacityScope::Global, QString(), maxCustomers);
}

PendingRequest *ControlClient::setMitraCapacity(const QString &mitraId,
                                                std::optional<int> maxCustomers)
{
    return setCapacity(CapacityScope::Mitra, mitraId, maxCustomers);
}

PendingRequest *ControlClient::rerouteSession(const QString &sessionId, const QString &toMitraId)
{
    return d->send(QStringLiteral("session.reroute"),
                   toJson(ClientMessage::make(clientmsg::SessionReroute{sessionId, toMitraId})));
}

PendingRequest *ControlClient::forceOffline(const QString &mitraId, bool rerouteSessions)
{
    return d->send(QStringLiteral("mitra.force_offline"),
                   clientMessage::mitraForceOffline(mitraId, rerouteSessions));
}

PendingRequest *ControlClient::requestPresenceHistory(const QString &mitraId, qint64 fromMs,
                                                      qint64 toMs)
{
    return d->send(QStringLiteral("presence.history"),
                   toJson(ClientMessage::make(clientmsg::PresenceHistory{mitraId, fromMs, toMs})));
}

PendingRequest *ControlClient::requestAudit(int limit, std::optional<qint64> beforeId,
                                            const QString &action)
{
    return d->send(QStringLiteral("audit.list"),
                   clientMessage::auditList(clientmsg::AuditList{limit, beforeId, action}));
}

void ControlClient::refreshLists()
{
    if (d->state == State::Connected)
        d->throttle.request();
}

} // namespace hb::cc
