// libFuzzer target: what another backend instance publishes on this one's bus channel
// (backend/cluster/BusPayload). Decoded events re-encode to a payload that decodes to the same
// events.
#include "cluster/BusPayload.h"

#include <QJsonArray>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray payload(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QJsonObject> events = hb::busPayload::decode(payload);
    if (events.isEmpty())
        return 0;
    QJsonArray array;
    for (const QJsonObject &e : events)
        array.append(e);
    // One event that is itself a batch is ambiguous by design; everything else round-trips.
    if (events.size() == 1 &&
        events.first().value(QStringLiteral("kind")).toString() == QLatin1String("batch"))
        return 0;
    if (hb::busPayload::decode(hb::busPayload::encode(array)) != events)
        std::abort();
    return 0;
}
