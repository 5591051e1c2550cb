#pragma once

// Private to halobestie_valkey.
//
// hiredis's Qt adapter (hiredis/adapters/qt.h) is a header that defines a Q_OBJECT class and
// static functions, so exactly one translation unit may include it (together with its moc
// output): HiredisQtAdapter.cpp. Everything else reaches the adapter through these functions.

struct redisAsyncContext;
class QObject;

namespace hb::detail {

// Creates a RedisQtAdapter and installs its socket-notifier hooks on ctx. Must run before
// redisAsyncSetConnectCallback, which arms the first write notification through those hooks.
QObject *attachQtAdapter(redisAsyncContext *ctx);

// Deletes the adapter's socket notifiers and the adapter, and removes every hook from ctx so
// hiredis never calls into the deleted adapter (0.14's _EL_CLEANUP calls ev.cleanup even after
// the adapter's destructor nulled ev.data). ctx must still be allocated. Idempotent per ctx.
void detachQtAdapter(redisAsyncContext *ctx, QObject *adapter);

} // namespace hb::detail
