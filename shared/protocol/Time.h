#pragma once

#include <QString>
#include <QtGlobal>
#include <optional>

namespace hb {

// Protocol times are ISO-8601 UTC strings with exactly three millisecond digits, e.g.
// "2026-04-05T15:17:49.123Z", so every party formats the same instant the same way.
QString isoTime(qint64 msSinceEpoch);

// Accepts "YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM|±HHMM)"; digits below the millisecond are
// truncated. A time without a zone is rejected rather than guessed, as is any other shape.
std::optional<qint64> parseIsoTime(const QString &text);

} // namespace hb
