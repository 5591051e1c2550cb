#include "SessionDragData.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

namespace hb::cc {

QByteArray SessionDragData::encode() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("session_id"), sessionId},
                                     {QStringLiteral("from_mitra_id"), fromMitraId}})
        .toJson(QJsonDocument::Compact);
}

std::optional<SessionDragData> SessionDragData::decode(const QByteArray &bytes)
{
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    const QJsonValue session = doc.object().value(QLatin1String("session_id"));
    const QJsonValue from = doc.object().value(QLatin1String("from_mitra_id"));
    if (!doc.isObject() || !session.isString() || session.toString().isEmpty() ||
        !from.isString() || from.toString().isEmpty()) {
        return std::nullopt;
    }
    return SessionDragData{session.toString(), from.toString()};
}

std::optional<SessionDragData> SessionDragData::fromMimeData(const QMimeData *mime)
{
    const QString type = QString::fromLatin1(kMimeType);
    if (!mime || !mime->hasFormat(type))
        return std::nullopt;
    return decode(mime->data(type));
}

} // namespace hb::cc
