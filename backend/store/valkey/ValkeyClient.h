#pragma once

#include "store/valkey/LuaScript.h"
#include "store/valkey/ValkeyClientStats.h"
#include "store/valkey/ValkeyConfig.h"
#include "store/valkey/ValkeyResult.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <functional>

namespace hb {

namespace detail {
class ValkeyConnection;
}

// The command connection to Valkey (or redis-server 7), on the event loop, never blocking it.
//
// start() connects, authenticates and selects the database, then emits connected(). Failures
// emit connectionFailed() with one line saying why, and the client retries forever with
// exponential backoff and jitter (reconnectMinMs..reconnectMaxMs). A lost connection emits
// disconnected() and reconnects the same way. Nothing is queued while disconnected: a command
// issued then fails with NotConnected, so callers decide what a retry means.
//
// Every callback runs exactly once, never from inside the call that issued the command, and
// never after `context` (or the client) is destroyed. Callbacks may issue commands and may
// destroy the client, but must not spin a nested event loop.
//
// Starting a client makes the process ignore SIGPIPE (see ValkeyConnection.cpp for why).
// Not thread-safe: use it from the thread it lives in.
class ValkeyClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const ValkeyResult &)>;

    explicit ValkeyClient(ValkeyConfig config, QObject *parent = nullptr);
    // Commands still in flight are dropped: their callbacks never run.
    ~ValkeyClient() override;

    // Starts connecting; returns at once. Idempotent.
    void start();
    bool isConnected() const;
    const ValkeyConfig &config() const;

    // Sends one command, e.g. {"SET", key, value}; arguments are binary-safe. The callback gets
    // the reply, a server error, or NotConnected / Disconnected / Timeout. With a null
    // `context` the callback is tied to the client's lifetime only. An empty callback means
    // fire-and-forget. Refused with an error reply: (P/S)(UN)SUBSCRIBE (use ValkeySubscriber),
    // MONITOR, HELLO, RESET and SELECT (the database comes from the configuration).
    void command(QList<QByteArray> args, QObject *context, Callback callback);

    // Runs a script with EVALSHA; if the server answers NOSCRIPT (restarted, SCRIPT FLUSH)
    // runs it once more with EVAL, which also caches it, and delivers that result. The retry
    // is sent after commands issued in between, so do not rely on ordering across it.
    void eval(const LuaScript &script, const QList<QByteArray> &keys, const QList<QByteArray> &args,
              QObject *context, Callback callback);

    // PUBLISH; the reply is the number of subscribers that received it.
    void publish(const QByteArray &channel, const QByteArray &payload, QObject *context = nullptr,
                 Callback callback = {});

    // Remembers the scripts and SCRIPT LOADs them after every (re)connect (and now, if
    // connected), so EVALSHA rarely needs its EVAL fallback.
    void loadScripts(const QList<LuaScript> &scripts);

    ValkeyClientStats stats() const;

signals:
    void connected();
    void disconnected();
    void connectionFailed(const QString &reason);

private:
    void onReady();
    void loadScriptsNow();
    // Queued, so a failure never reaches the caller from inside command().
    void deliverLater(QObject *context, Callback callback, ValkeyResult result);

    detail::ValkeyConnection *m_connection;
    QList<LuaScript> m_scripts;
};

} // namespace hb
