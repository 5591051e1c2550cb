#include "ValkeyConnection.h"

#include "HiredisQtAdapter.h"
#include "HiredisReply.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QPointer>
#include <QRandomGenerator>
#include <algorithm>
#include <hiredis/async.h>
#include <sys/ioctl.h>
#include <mutex>
#include <vector>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

namespace hb::detail {

Q_LOGGING_CATEGORY(lcValkey, "halobestie.valkey")

namespace {

// hiredis writes with write(2), not send(MSG_NOSIGNAL): writing to a socket the server has
// closed raises SIGPIPE, whose default action kills the process. The error is reported by
// write() as EPIPE anyway, so the signal is ignored for the whole process, once, when the
// first connection starts. (Qt's own sockets never relied on SIGPIPE either.)
void ignoreSigpipeOnce()
{
#ifdef Q_OS_UNIX
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction action = {};
        action.sa_handler = SIG_IGN;
        sigemptyset(&action.sa_mask);
        sigaction(SIGPIPE, &action, nullptr);
    });
#endif
}

void *idToPrivdata(quint64 id)
{
    return reinterpret_cast<void *>(static_cast<quintptr>(id));
}

quint64 privdataToId(void *privdata)
{
    return static_cast<quint64>(reinterpret_cast<quintptr>(privdata));
}

} // namespace

ValkeyConnection::ValkeyConnection(ValkeyConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_retryTimer(this), m_connectTimer(this),
      m_deadlineTimer(this)
{
    // Zero or negative timings would mean "fail at once" or "retry in a busy loop".
    m_config.commandTimeoutMs = std::max(m_config.commandTimeoutMs, 1);
    m_config.connectTimeoutMs = std::max(m_config.connectTimeoutMs, 1);
    m_clock.start();
    m_retryTimer.setSingleShot(true);
    m_connectTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ValkeyConnection::beginAttempt);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        abandon(
            cannotConnect(QStringLiteral("no answer within %1 ms").arg(m_config.connectTimeoutMs)));
    });
    // Deadlines are checked on a tick rather than with one timer per command: 10,000
    // pipelined commands must not mean 10,000 timers. A tenth of the timeout keeps the error
    // small relative to the timeout itself.
    m_deadlineTimer.setInterval(std::clamp(m_config.commandTimeoutMs / 10, 5, 100));
    connect(&m_deadlineTimer, &QTimer::timeout, this, &ValkeyConnection::checkDeadlines);
}

ValkeyConnection::~ValkeyConnection()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    releaseContext();
    m_pending.clear(); // never called: the owner is going away
}

void ValkeyConnection::start()
{
    if (m_state != State::Idle)
        return;
    ignoreSigpipeOnce();
    m_state = State::Waiting;
    m_retryTimer.start(0);
}

QString ValkeyConnection::cannotConnect(const QString &why) const
{
    return QStringLiteral("cannot connect to Valkey at %1: %2").arg(m_config.endpoint(), why);
}

void ValkeyConnection::beginAttempt()
{
    if (m_state != State::Waiting)
        return;
    m_state = State::Resolving;
    m_connectTimer.start(m_config.connectTimeoutMs);

    if (QHostAddress literal; literal.setAddress(m_config.host)) {
        connectTo(literal.toString());
        return;
    }
    // hiredis would call getaddrinfo() on this thread, which can block for seconds on DNS.
    m_lookupId = QHostInfo::lookupHost(m_config.host, this, [this](const QHostInfo &info) {
        m_lookupId = -1;
        if (m_state != State::Resolving)
            return;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            abandon(cannotConnect(
                QStringLiteral("cannot resolve host name: %1").arg(info.errorString())));
            return;
        }
        // hiredis tries IPv4 before IPv6 too.
        const QList<QHostAddress> addresses = info.addresses();
        const auto v4 = std::find_if(addresses.begin(), addresses.end(), [](const auto &a) {
            return a.protocol() == QAbstractSocket::IPv4Protocol;
        });
        connectTo((v4 != addresses.end() ? *v4 : addresses.first()).toString());
    });
}

void ValkeyConnection::connectTo(const QString &address)
{
    // A non-blocking connect(): the result comes through onConnect().
    redisAsyncContext *ctx = redisAsyncConnect(address.toLatin1().constData(), m_config.port);
    if (!ctx) {
        abandon(cannotConnect(QStringLiteral("out of memory")));
        return;
    }
    if (ctx->err) {
        // Failed at once (on loopback a refused connect often does). No hook is installed
        // yet, so freeing it here calls nothing back.
        const QString why = QString::fromLocal8Bit(ctx->errstr);
        redisAsyncFree(ctx);
        abandon(cannotConnect(why));
        return;
    }
    m_ctx = ctx;
    m_ctx->data = this;
    ++m_attemptId;
    m_outstanding = 0;
    m_adapter = attachQtAdapter(ctx);
    // hiredis 0.14 sets TCP_NODELAY but no keepalive: without it a peer that vanishes without
    // a FIN (power loss, partition) is never noticed on an idle subscriber connection.
    redisEnableKeepAlive(&ctx->c);
    redisAsyncSetDisconnectCallback(ctx, &ValkeyConnection::onDisconnect);
    // Must come after the adapter: it arms the write notifier that reports the connect.
    redisAsyncSetConnectCallback(ctx, &ValkeyConnection::onConnect);
    m_state = State::Connecting;
}

void ValkeyConnection::onConnect(const redisAsyncContext *ctx, int status)
{
    auto *self = static_cast<ValkeyConnection *>(ctx->data);
    if (!self)
        return;
    if (status != REDIS_OK) {
        // hiredis frees ctx right after this returns, without calling onDisconnect (it was
        // never connected), and 0.14 has not copied the error to ctx->errstr yet.
        const QString why = QString::fromLocal8Bit(ctx->c.errstr);
        self->forgetContext(ctx);
        self->abandon(self->cannotConnect(why));
        return;
    }
    // hiredis goes on to use ctx after this returns (it flushes the output buffer), so nothing
    // here may free it: the handshake, which can fail and free it, runs from the event loop.
    QTimer::singleShot(0, self, [self, attempt = self->m_attemptId] {
        if (self->m_state == State::Connecting && self->m_attemptId == attempt)
            self->startHandshake();
    });
}

void ValkeyConnection::onDisconnect(const redisAsyncContext *ctx, int /*status*/)
{
    auto *self = static_cast<ValkeyConnection *>(ctx->data);
    if (!self)
        return; // we freed it ourselves
    // Every pending reply callback has just run with a NULL reply (and was ignored); the
    // adapter's notifiers are gone; ctx is freed when this returns.
    const QString why = ctx->errstr && *ctx->errstr ? QString::fromLocal8Bit(ctx->errstr)
                                                    : QStringLiteral("connection closed");
    const bool wasReady = self->m_state == State::Ready;
    self->forgetContext(ctx);
    self->abandon(wasReady ? QStringLiteral("connection to Valkey at %1 lost: %2")
                                 .arg(self->m_config.endpoint(), why)
                           : self->cannotConnect(why));
}

void ValkeyConnection::startHandshake()
{
    m_state = State::Handshaking;
    if (!m_config.password.isEmpty()) {
        QList<QByteArray> auth{QByteArrayLiteral("AUTH")};
        if (!m_config.username.isEmpty())
            auth.append(m_config.username.toUtf8());
        auth.append(m_config.password.toUtf8());
        if (!sendRaw(auth, [this](const ValkeyResult &r) {
                handshakeStep(r, QStringLiteral("AUTH"), false);
            })) {
            abandon(cannotConnect(QStringLiteral("cannot send AUTH")));
            return;
        }
    }
    // Also the first proof that the server executes commands, not just accepts connections.
    if (!sendRaw({QByteArrayLiteral("SELECT"), QByteArray::number(m_config.db)},
                 [this](const ValkeyResult &r) {
                     handshakeStep(r, QStringLiteral("SELECT %1").arg(m_config.db), true);
                 })) {
        abandon(cannotConnect(QStringLiteral("cannot send SELECT")));
    }
}

void ValkeyConnection::handshakeStep(const ValkeyResult &result, const QString &what, bool last)
{
    if (result.kind() == ValkeyResult::Kind::Disconnected)
        return; // abandon() is already reporting why
    if (result.isError()) {
        abandon(cannotConnect(QStringLiteral("%1 failed: %2").arg(what, result.errorText())));
        return;
    }
    if (last)
        becomeReady();
}

void ValkeyConnection::becomeReady()
{
    m_state = State::Ready;
    m_connectTimer.stop();
    m_attempt = 0;
    if (m_everReady)
        ++m_reconnects;
    m_everReady = true;
    m_readySince = QDateTime::currentDateTimeUtc();
    qCInfo(lcValkey, "connected to Valkey at %s (db %d)", qPrintable(m_config.endpoint()),
           m_config.db);
    emit ready();
}

bool ValkeyConnection::send(const QList<QByteArray> &args, ReplyHandler handler)
{
    if (m_state != State::Ready)
        return false;
    return sendRaw(args, std::move(handler));
}

bool ValkeyConnection::sendRaw(const QList<QByteArray> &args, ReplyHandler handler)
{
    Q_ASSERT(m_ctx && !args.isEmpty());
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray &a : args) {
        argv.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    const quint64 id = m_nextId++;
    // Binary-safe: every argument goes with its length.
    if (redisAsyncCommandArgv(m_ctx, &ValkeyConnection::onReply, idToPrivdata(id), int(argv.size()),
                              argv.data(), lengths.data()) != REDIS_OK)
        return false;
    const qint64 now = m_clock.elapsed();
    if (m_outstanding++ == 0)
        m_lastProgressMs = now;
    m_pending.emplace(id, Pending{std::move(handler), now + m_config.commandTimeoutMs});
    ++m_commandsSent;
    if (!m_deadlineTimer.isActive())
        m_deadlineTimer.start();
    return true;
}

bool ValkeyConnection::sendSubscribe(const QList<QByteArray> &channels)
{
    if (m_state != State::Ready || channels.isEmpty())
        return false;
    QList<QByteArray> args{QByteArrayLiteral("SUBSCRIBE")};
    args.append(channels);
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    for (const QByteArray &a : args) {
        argv.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    // hiredis keeps this callback per channel and calls it for the confirmation and for every
    // message, for as long as the context lives.
    if (redisAsyncCommandArgv(m_ctx, &ValkeyConnection::onSubscription, nullptr, int(argv.size()),
                              argv.data(), lengths.data()) != REDIS_OK)
        return false;
    if (m_outstanding == 0)
        m_lastProgressMs = m_clock.elapsed();
    m_outstanding += channels.size(); // one confirmation per channel
    ++m_commandsSent;
    if (!m_deadlineTimer.isActive())
        m_deadlineTimer.start();
    return true;
}

void ValkeyConnection::onReply(redisAsyncContext *ctx, void *reply, void *privdata)
{
    auto *self = static_cast<ValkeyConnection *>(ctx->data);
    // A NULL reply means hiredis is tearing the context down; onDisconnect follows and fails
    // every pending command once, so nothing is reported here.
    if (!self || !reply)
        return;
    self->handleReply(privdataToId(privdata),
                      ValkeyResult::fromReply(toValkeyReply(static_cast<redisReply *>(reply))));
}

void ValkeyConnection::handleReply(quint64 id, const ValkeyResult &result)
{
    --m_outstanding;
    m_lastProgressMs = m_clock.elapsed();
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // it timed out; its caller has had Timeout already
    const ReplyHandler handler = std::move(it->second.handler);
    m_pending.erase(it);
    handler(result); // may destroy this
}

void ValkeyConnection::onSubscription(redisAsyncContext *ctx, void *reply, void * /*privdata*/)
{
    auto *self = static_cast<ValkeyConnection *>(ctx->data);
    if (!self || !reply)
        return;
    const ValkeyReply r = toValkeyReply(static_cast<redisReply *>(reply));
    if (!r.isArray() || r.elements().size() < 3)
        return;
    const QByteArray kind = r.elements().at(0).toByteArray();
    self->m_lastProgressMs = self->m_clock.elapsed();
    if (kind == "subscribe") {
        --self->m_outstanding;
        emit self->subscribeConfirmed(r.elements().at(1).toByteArray());
    } else if (kind == "message") {
        emit self->pushMessage(r.elements().at(1).toByteArray(), r.elements().at(2).toByteArray());
    }
}

void ValkeyConnection::checkDeadlines()
{
    const qint64 now = m_clock.elapsed();
    QPointer<ValkeyConnection> self(this);
    while (!m_pending.empty() && m_pending.begin()->second.deadlineMs <= now) {
        auto node = m_pending.extract(m_pending.begin());
        ++m_timeouts;
        // The command stays outstanding in hiredis; its late reply finds no entry and is
        // dropped, so the caller hears about it exactly once.
        node.mapped().handler(ValkeyResult::failure(
            ValkeyResult::Kind::Timeout, QStringLiteral("no reply from Valkey at %1 within %2 ms")
                                             .arg(m_config.endpoint())
                                             .arg(m_config.commandTimeoutMs)));
        if (!self)
            return;
    }
    if (m_ctx && m_outstanding > 0 && now - m_lastProgressMs >= m_config.commandTimeoutMs &&
        !repliesWaiting()) {
        // Not one reply for a whole timeout while replies are owed: the server is hung or the
        // path to it is gone (TCP can take many minutes to notice). Start over.
        const QString why = QStringLiteral("no reply for %1 ms").arg(now - m_lastProgressMs);
        abandon(m_state == State::Ready ? QStringLiteral("connection to Valkey at %1 lost: %2")
                                              .arg(m_config.endpoint(), why)
                                        : cannotConnect(why));
        return;
    }
    if (m_pending.empty() && m_outstanding <= 0)
        m_deadlineTimer.stop();
}

bool ValkeyConnection::repliesWaiting() const
{
    // Replies already in the socket mean the server answers and only this event loop is late
    // (a busy process, a sanitizer build): the read notifier will deliver them. Dropping the
    // connection then would lose pub/sub messages and fail commands that succeeded.
    int available = 0;
    return m_ctx && ::ioctl(m_ctx->c.fd, FIONREAD, &available) == 0 && available > 0;
}

void ValkeyConnection::abandon(const QString &reason)
{
    const bool wasReady = m_state == State::Ready;
    releaseContext();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    m_connectTimer.stop();
    m_deadlineTimer.stop();
    m_outstanding = 0;
    m_readySince = {};
    m_state = State::Waiting;
    scheduleRetry();

    if (!failPending(ValkeyResult::Kind::Disconnected, reason))
        return;
    if (wasReady) {
        qCWarning(lcValkey, "%s", qPrintable(reason));
        emit lost(reason);
    } else {
        qCDebug(lcValkey, "%s", qPrintable(reason));
        emit attemptFailed(reason);
    }
}

void ValkeyConnection::releaseContext()
{
    if (!m_ctx)
        return;
    redisAsyncContext *ctx = std::exchange(m_ctx, nullptr);
    ctx->data = nullptr; // every callback hiredis still makes for ctx becomes a no-op
    detachQtAdapter(ctx, std::exchange(m_adapter, nullptr));
    // Inside one of ctx's reply callbacks hiredis only marks it and frees it once the
    // callback returns; either way ctx must not be touched after this.
    redisAsyncFree(ctx);
}

void ValkeyConnection::forgetContext(const redisAsyncContext *ctx)
{
    Q_ASSERT(ctx == m_ctx);
    // hiredis passes a const pointer but owns a mutable context it is about to free; the
    // adapter must go now: it would otherwise keep pointing at the freed context.
    auto *mutableCtx = const_cast<redisAsyncContext *>(ctx);
    mutableCtx->data = nullptr;
    detachQtAdapter(mutableCtx, std::exchange(m_adapter, nullptr));
    m_ctx = nullptr;
}

bool ValkeyConnection::failPending(ValkeyResult::Kind kind, const QString &text)
{
    // Taken out first: a handler may send (and fail at once) or destroy this object.
    std::map<quint64, Pending> pending = std::exchange(m_pending, {});
    QPointer<ValkeyConnection> self(this);
    for (auto &[id, p] : pending) {
        p.handler(ValkeyResult::failure(kind, text));
        if (!self)
            return false;
    }
    return true;
}

void ValkeyConnection::scheduleRetry()
{
    const qint64 minMs = std::max(1, m_config.reconnectMinMs);
    const qint64 maxMs = std::max<qint64>(minMs, m_config.reconnectMaxMs);
    const qint64 ceiling = std::min(maxMs, minMs << std::min(m_attempt, 20));
    m_attempt = std::min(m_attempt + 1, 21);
    // "Equal jitter": between half and all of the ceiling, so many clients that lost the same
    // server do not come back in lockstep, and none retries much sooner than planned.
    const qint64 delay =
        ceiling / 2 + qint64(QRandomGenerator::global()->bounded(quint32(ceiling / 2 + 1)));
    m_retryTimer.start(int(delay));
}

} // namespace hb::detail
