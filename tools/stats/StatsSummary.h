#pragma once

#include <QJsonObject>
#include <QString>

namespace hb::stats {

// The terminal view of one `stats` message (docs/protocol.md, stats.subscribe), e.g.
//   15:17:49  chats 14 | mitras online 18 (5 full), 1 offline still serving | waiting 3 |
//   capacity used 14/54 | 6 updates
// `updates`: how many `stats` pushes arrived since the previous line (0 = nothing changed).
QString summaryLine(const QJsonObject &stats, int updates);

// The `rows` mitras with the most active sessions (then by id), one per line, indented.
QString busiestTable(const QJsonObject &stats, int rows);

} // namespace hb::stats
