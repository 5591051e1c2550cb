// libFuzzer target: ISO-8601 times from clients and servers (shared/protocol/Time). A time that
// parses must format and parse back to the same instant (to the millisecond).
#include "protocol/Time.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<qint64> ms = hb::parseIsoTime(text);
    if (ms && hb::parseIsoTime(hb::isoTime(*ms)) != ms)
        std::abort();
    return 0;
}
