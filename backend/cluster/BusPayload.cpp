#include "BusPayload.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace hb::busPayload {

QByteArray encode(const QJsonArray &events)
{
    const QJsonObject single = events.size() == 1 ? events.first().toObject() : QJsonObject();
    const QJsonObject payload =
        events.size() == 1 ? single
                           : QJsonObject{{QStringLiteral("kind"), QStringLiteral("batch")},
                                         {QStringLiteral("events"), events}};
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

QList<QJsonObject> decode(const QByteArray &payload)
{
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    if (!doc.isObject())
        return {};
    const QJsonObject object = doc.object();
    if (object.value(QStringLiteral("kind")).toString() != QLatin1String("batch"))
        return {object};
    QList<QJsonObject> events;
    for (const QJsonValue &v : object.value(QStringLiteral("events")).toArray())
        if (v.isObject())
            events.append(v.toObject());
    return events;
}

} // namespace hb::busPayload
