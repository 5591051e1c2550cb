// The only translation unit that includes hiredis's Qt adapter. The adapter's moc output is
// included at the end instead of being compiled on its own: a second translation unit would
// get its own copies of the header's static functions and of the class (unused-function
// warnings, and an inline member referring to internal-linkage functions breaks the ODR).
// CMake marks this file SKIP_AUTOMOC so AUTOMOC does not go looking for a "qt.h" of ours.
#include "HiredisQtAdapter.h"

#include <hiredis/adapters/qt.h>

namespace hb::detail {

QObject *attachQtAdapter(redisAsyncContext *ctx)
{
    auto *adapter = new RedisQtAdapter;
    if (adapter->setContext(ctx) != REDIS_OK) {
        delete adapter;
        return nullptr;
    }
    return adapter;
}

void detachQtAdapter(redisAsyncContext *ctx, QObject *adapter)
{
    // Unhook everything first, then run the adapter's cleanup through the saved pointer, then
    // delete it. In the other order (cleanup, then clear the hooks, then delete) GCC 12 at -O2
    // dropped the store that clears ev.cleanup, and hiredis later called RedisQtCleanup with
    // the NULL data the adapter's destructor leaves behind. Clearing before any opaque call
    // leaves the compiler nothing to reason away.
    void (*cleanup)(void *) = ctx->ev.cleanup;
    void *data = ctx->ev.data;
    ctx->ev.addRead = nullptr;
    ctx->ev.delRead = nullptr;
    ctx->ev.addWrite = nullptr;
    ctx->ev.delWrite = nullptr;
    ctx->ev.cleanup = nullptr;
    ctx->ev.data = nullptr;
    // cleanup() deletes the socket notifiers, which the adapter's destructor does not do.
    if (cleanup && data)
        cleanup(data);
    delete adapter; // its destructor writes ctx->ev.data = NULL again: harmless
}

} // namespace hb::detail

#include "moc_qt.cpp"
