#pragma once

#include "RoundRobinRotation.h"

#include <QStringList>

namespace hb::pairing {

// Who a broadcast offers a request to: every available mitra of `rotation` not in `exclude`,
// in rotation order, leaving the rotation as it is. With max > 0 and more candidates than
// that, a capped blast, which is exactly rotation.pick(max, exclude): successive capped blasts
// rotate through everyone instead of always reaching the same few. The in-memory mirror of
// rotation.broadcast_pick in backend/lua/lib/rotation.lua.
//
// O(N) uncapped (it returns everyone); capped O(|exclude| + log N + max) when the cap applies.
QStringList broadcastPick(RoundRobinRotation &rotation, int max, const QStringList &exclude = {});

} // namespace hb::pairing
