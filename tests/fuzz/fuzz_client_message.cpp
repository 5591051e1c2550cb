// libFuzzer target: what any WebSocket client can send (shared/protocol/ClientMessageParser).
// Beyond "no crash": a message that parses must write back (ClientMessageWriter) to JSON that
// parses again to the same type, id and the same JSON, or the parser and the writer disagree.
#include "protocol/ClientMessageParser.h"
#include "protocol/ClientMessageWriter.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const hb::ParseResult parsed =
        hb::parseClientMessage(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!parsed.ok()) {
        if (parsed.error.message.isEmpty())
            std::abort(); // every refusal must say why
        return 0;
    }
    const QJsonObject written = hb::toJson(*parsed.message);
    const QByteArray text = QJsonDocument(written).toJson(QJsonDocument::Compact);
    const hb::ParseResult again = hb::parseClientMessage(text);
    if (!again.ok() || again.message->type != parsed.message->type ||
        again.message->id != parsed.message->id || hb::toJson(*again.message) != written)
        std::abort();
    return 0;
}
