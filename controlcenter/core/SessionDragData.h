#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

class QMimeData;

namespace hb::cc {

// What a dragged session carries: which session and which mitra it is leaving. Travels as the
// custom mime type below (JSON), so drops from other applications are not mistaken for it.
struct SessionDragData
{
    static constexpr const char *kMimeType = "application/x-halobestie-session";

    QString sessionId;
    QString fromMitraId;

    QByteArray encode() const;
    static std::optional<SessionDragData> decode(const QByteArray &bytes);
    // The payload of a QMimeData with our type, if it has one and it is well formed.
    static std::optional<SessionDragData> fromMimeData(const QMimeData *mime);

    friend bool operator==(const SessionDragData &, const SessionDragData &) = default;
};

} // namespace hb::cc
