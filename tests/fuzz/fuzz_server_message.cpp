// libFuzzer target: what the control center reads from the network
// (shared/protocol/ServerMessageParser). A frame is either a message or an error that says why.
#include "protocol/ServerMessageParser.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const hb::ServerParseResult parsed =
        hb::parseServerMessage(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!parsed.ok() && parsed.error.isEmpty())
        std::abort();
    return 0;
}
