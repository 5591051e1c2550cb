#include "ValkeyClient.h"

#include "detail/ValkeyConnection.h"

#include <QPointer>

namespace hb {

namespace {

// Commands that would change what the connection is, behind the client's back: hiredis 0.14
// misroutes every later reply once a context subscribes or monitors, and cannot parse RESP3
// (HELLO 3); SELECT and RESET would be silently undone by the next reconnect's handshake.
// Returns why it is refused, or an empty array.
QByteArray refusal(const QByteArray &command)
{
    if (command.size() < 5 || command.size() > 12)
        return {};
    const QByteArray c = command.toLower();
    if (c == "subscribe" || c == "psubscribe" || c == "unsubscribe" || c == "punsubscribe" ||
        c == "ssubscribe" || c == "sunsubscribe")
        return "ERR " + command + " needs a ValkeySubscriber";
    if (c == "monitor" || c == "hello" || c == "reset" || c == "select")
        return "ERR " + command + " is not allowed on a ValkeyClient connection";
    return {};
}

// Wraps a callback so it only runs while `context` lives (the client's lifetime is covered by
// the connection dropping handlers unrun when it is destroyed).
ValkeyClient::Callback guarded(QObject *context, ValkeyClient::Callback callback)
{
    if (!callback)
        return [](const ValkeyResult &) {};
    if (!context)
        return callback;
    return [guard = QPointer<QObject>(context), cb = std::move(callback)](const ValkeyResult &r) {
        if (guard)
            cb(r);
    };
}

} // namespace

ValkeyClient::ValkeyClient(ValkeyConfig config, QObject *parent)
    : QObject(parent), m_connection(new detail::ValkeyConnection(std::move(config), this))
{
    connect(m_connection, &detail::ValkeyConnection::ready, this, &ValkeyClient::onReady);
    connect(m_connection, &detail::ValkeyConnection::lost, this, &ValkeyClient::disconnected);
    connect(m_connection, &detail::ValkeyConnection::attemptFailed, this,
            &ValkeyClient::connectionFailed);
}

ValkeyClient::~ValkeyClient()
{
    // Before anything else of ours goes: the connection frees hiredis's context and drops the
    // pending callbacks unrun.
    delete m_connection;
}

void ValkeyClient::start()
{
    m_connection->start();
}

bool ValkeyClient::isConnected() const
{
    return m_connection->isReady();
}

const ValkeyConfig &ValkeyClient::config() const
{
    return m_connection->config();
}

void ValkeyClient::command(QList<QByteArray> args, QObject *context, Callback callback)
{
    const QByteArray refused =
        args.isEmpty() ? QByteArrayLiteral("ERR empty command") : refusal(args.first());
    if (!refused.isEmpty()) {
        deliverLater(context, std::move(callback),
                     ValkeyResult::fromReply(ValkeyReply::error(refused)));
        return;
    }
    Callback handler = guarded(context, callback);
    if (m_connection->send(args, std::move(handler)))
        return;
    deliverLater(context, std::move(callback),
                 ValkeyResult::failure(ValkeyResult::Kind::NotConnected,
                                       QStringLiteral("not connected to Valkey at %1")
                                           .arg(m_connection->config().endpoint())));
}

void ValkeyClient::deliverLater(QObject *context, Callback callback, ValkeyResult result)
{
    if (!callback)
        return;
    QMetaObject::invokeMethod(
        this,
        [cb = guarded(context, std::move(callback)), result = std::move(result)] { cb(result); },
        Qt::QueuedConnection);
}

void ValkeyClient::eval(const LuaScript &script, const QList<QByteArray> &keys,
                        const QList<QByteArray> &args, QObject *context, Callback callback)
{
    QList<QByteArray> tail;
    tail.reserve(1 + keys.size() + args.size());
    tail.append(QByteArray::number(keys.size()));
    tail.append(keys);
    tail.append(args);

    QList<QByteArray> evalsha{QByteArrayLiteral("EVALSHA"), script.sha1()};
    evalsha.append(tail);
    // The outer callback only runs while `context` lives, so the raw pointer is valid there.
    command(std::move(evalsha), context,
            [this, script, tail, context, cb = std::move(callback)](const ValkeyResult &r) {
                if (r.isServerError() && r.reply().errorCode() == "NOSCRIPT") {
                    QList<QByteArray> evalArgs{QByteArrayLiteral("EVAL"), script.source()};
                    evalArgs.append(tail);
                    command(std::move(evalArgs), context, cb);
                    return;
                }
                if (cb)
                    cb(r);
            });
}

void ValkeyClient::publish(const QByteArray &channel, const QByteArray &payload, QObject *context,
                           Callback callback)
{
    command({QByteArrayLiteral("PUBLISH"), channel, payload}, context, std::move(callback));
}

void ValkeyClient::loadScripts(const QList<LuaScript> &scripts)
{
    m_scripts = scripts;
    if (isConnected())
        loadScriptsNow();
}

void ValkeyClient::loadScriptsNow()
{
    for (const LuaScript &script : std::as_const(m_scripts)) {
        command({QByteArrayLiteral("SCRIPT"), QByteArrayLiteral("LOAD"), script.source()}, this,
                [name = script.name()](const ValkeyResult &r) {
                    // Not fatal: eval() falls back to EVAL, which reports the same error
                    // to whoever runs the script.
                    if (r.isError())
                        qCWarning(detail::lcValkey, "cannot load Lua script %s: %s",
                                  qPrintable(name), qPrintable(r.errorText()));
                });
    }
}

void ValkeyClient::onReady()
{
    // Sent before anyone hears of the connection, so their first EVALSHA comes after it.
    loadScriptsNow();
    emit connected();
}

ValkeyClientStats ValkeyClient::stats() const
{
    ValkeyClientStats s;
    s.commandsSent = m_connection->commandsSent();
    s.timeouts = m_connection->timeouts();
    s.reconnects = m_connection->reconnects();
    s.pending = m_connection->pendingCount();
    s.connectedSince = m_connection->readySince();
    return s;
}

} // namespace hb
