// libFuzzer target: Valkey replies (backend/store/valkey/detail/HiredisReply). The input is RESP
// fed to hiredis's own reader, which builds the redisReply trees the Qt adapter hands us; each
// is converted and every accessor of the result is used.
#include "store/valkey/detail/HiredisReply.h"

#include <hiredis/hiredis.h>

#include <cstdint>
#include <cstdlib>

namespace {

void walk(const hb::ValkeyReply &reply, int depth)
{
    bool ok = false;
    (void)reply.toInteger(&ok);
    (void)reply.toByteArray();
    (void)reply.errorCode();
    (void)reply.errorText();
    if (depth == 0)
        (void)reply.toDebugString();
    if (!reply.isArray() && !reply.elements().isEmpty())
        std::abort();
    for (const hb::ValkeyReply &e : reply.elements())
        walk(e, depth + 1);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    redisReader *reader = redisReaderCreate();
    if (!reader)
        return 0;
    redisReaderFeed(reader, reinterpret_cast<const char *>(data), size);
    for (int i = 0; i < 64; ++i) {
        void *reply = nullptr;
        if (redisReaderGetReply(reader, &reply) != REDIS_OK || !reply)
            break;
        const hb::ValkeyReply converted =
            hb::detail::toValkeyReply(static_cast<const redisReply *>(reply));
        walk(converted, 0);
        if (converted != hb::detail::toValkeyReply(static_cast<const redisReply *>(reply)))
            std::abort();
        freeReplyObject(reply);
    }
    redisReaderFree(reader);
    return 0;
}
