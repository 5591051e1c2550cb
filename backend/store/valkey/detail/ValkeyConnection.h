#pragma once

// Private to halobestie_valkey: the one place that drives hiredis's async API. ValkeyClient
// and ValkeySubscriber each own one of these (a subscribed connection can run nothing else).

#include "store/valkey/ValkeyConfig.h"
#include "store/valkey/ValkeyResult.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QTimer>
#include <functional>
#include <map>

struct redisAsyncContext;

namespace hb::detail {

Q_DECLARE_LOGGING_CATEGORY(lcValkey)

// One logical connection: connects without blocking (host names are resolved off-thread),
// authenticates, selects the database, and reconnects forever with exponential backoff and
// jitter after a failure or a drop. Adds what hiredis 0.14 lacks: a per-command timeout, a
// dead-connection check, a connect timeout, and exactly-once completion of every command.
//
// Handlers and signals run synchronously from hiredis's callbacks. They may send commands and
// may destroy this object, but must not spin a nested event loop: hiredis is not re-entrant.
class ValkeyConnection final : public QObject
{
    Q_OBJECT

public:
    using ReplyHandler = std::function<void(const ValkeyResult &)>;

    explicit ValkeyConnection(ValkeyConfig config, QObject *parent = nullptr);
    // Frees the connection; handlers still pending are destroyed without being called.
    ~ValkeyConnection() override;

    // Starts connecting from the event loop (never synchronously). Idempotent.
    void start();
    // Connected, authenticated and the database selected.
    bool isReady() const { return m_state == State::Ready; }
    const ValkeyConfig &config() const { return m_config; }

    // Sends one command (args non-empty, not a (P)SUBSCRIBE/MONITOR). The handler then runs
    // exactly once, with the reply, Timeout or Disconnected, unless this object is destroyed
    // first. Returns false, and drops the handler uncalled, when not ready.
    bool send(const QList<QByteArray> &args, ReplyHandler handler);
    // Subscriber connections only: sends SUBSCRIBE. Confirmations and messages arrive as
    // subscribeConfirmed() and pushMessage(); afterwards send() must not be used any more.
    bool sendSubscribe(const QList<QByteArray> &channels);

    quint64 commandsSent() const { return m_commandsSent; }
    quint64 timeouts() const { return m_timeouts; }
    quint64 reconnects() const { return m_reconnects; }
    quint64 pendingCount() const { return quint64(m_pending.size()); }
    QDateTime readySince() const { return m_readySince; }

signals:
    void ready();
    // An attempt that never became ready failed; the next one is already scheduled.
    void attemptFailed(const QString &reason);
    // A ready connection was lost; pending handlers have had Disconnected; a reconnect is
    // scheduled.
    void lost(const QString &reason);
    void subscribeConfirmed(const QByteArray &channel);
    void pushMessage(const QByteArray &channel, const QByteArray &payload);

private:
    enum class State { Idle, Waiting, Resolving, Connecting, Handshaking, Ready };

    struct Pending
    {
        ReplyHandler handler;
        qint64 deadlineMs;
    };

    // hiredis callbacks: ctx->data is the owning ValkeyConnection, or null once we let go of
    // the context (every later callback for it is then a no-op).
    static void onConnect(const redisAsyncContext *ctx, int status);
    static void onDisconnect(const redisAsyncContext *ctx, int status);
    static void onReply(redisAsyncContext *ctx, void *reply, void *privdata);
    static void onSubscription(redisAsyncContext *ctx, void *reply, void *privdata);

    void beginAttempt();
    void connectTo(const QString &address);
    void startHandshake();
    void handshakeStep(const ValkeyResult &result, const QString &what, bool last);
    void becomeReady();
    bool sendRaw(const QList<QByteArray> &args, ReplyHandler handler);
    void handleReply(quint64 id, const ValkeyResult &result);
    void checkDeadlines();

    // Gives up on the current attempt or connection: frees it, schedules the next attempt,
    // fails every pending command with Disconnected, then emits lost() or attemptFailed().
    bool repliesWaiting() const;
    void abandon(const QString &reason);
    // We free the context (hiredis is not in the middle of freeing it).
    void releaseContext();
    // hiredis is freeing the context right after the current callback: only let go of it.
    void forgetContext(const redisAsyncContext *ctx);
    // Returns false if a handler destroyed this object.
    bool failPending(ValkeyResult::Kind kind, const QString &text);
    void scheduleRetry();
    QString cannotConnect(const QString &why) const;

    ValkeyConfig m_config;
    State m_state = State::Idle;
    redisAsyncContext *m_ctx = nullptr;
    QObject *m_adapter = nullptr;
    int m_lookupId = -1;

    std::map<quint64, Pending> m_pending; // by id = send order = deadline order
    quint64 m_nextId = 1;
    // Replies hiredis still owes on this context, including timed-out commands and SUBSCRIBE
    // confirmations: while > 0, silence for a whole timeout means the connection is dead.
    qint64 m_outstanding = 0;
    qint64 m_lastProgressMs = 0;
    QElapsedTimer m_clock;

    QTimer m_retryTimer;
    QTimer m_connectTimer;
    QTimer m_deadlineTimer;
    int m_attempt = 0;       // consecutive failures, for the backoff
    quint64 m_attemptId = 0; // tells a queued step of an old attempt from the current one
    bool m_everReady = false;

    quint64 m_commandsSent = 0;
    quint64 m_timeouts = 0;
    quint64 m_reconnects = 0;
    QDateTime m_readySince;
};

} // namespace hb::detail
