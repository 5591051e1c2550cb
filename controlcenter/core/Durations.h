#pragma once

#include <QString>
#include <QtGlobal>

namespace hb::cc {

// Short, human durations for table cells: "45 s", "12 min", "2 h 05 min", "3 d 4 h".
// Negative values (clock skew) show as "0 s".
QString formatDuration(qint64 ms);

// A server time for a table cell in the local time zone: "14:05" today, else date and time.
QString formatServerTime(qint64 msSinceEpoch, qint64 nowMs);

} // namespace hb::cc
