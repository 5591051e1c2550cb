#pragma once

#include <QIcon>
#include <QString>

namespace hb::ui {

// The control center's own icons (resources/icons, embedded as :/icons/NAME.svg), drawn for
// this app so they look the same on every desktop. Loaded once and cached.
namespace icons {

QIcon get(const QString &name);

inline QIcon app() { return get(QStringLiteral("halobestie")); }
inline QIcon online() { return get(QStringLiteral("status-online")); }
inline QIcon offline() { return get(QStringLiteral("status-offline")); }
inline QIcon overCapacity() { return get(QStringLiteral("status-over-capacity")); }
inline QIcon warning() { return get(QStringLiteral("warning")); }

} // namespace icons
} // namespace hb::ui
