#pragma once

#include <QtGlobal>

namespace hb::test {

// A TCP port on 127.0.0.1 that nothing listens on right now: bind to port 0, read the port the
// kernel chose, release it. Another process could take it in between; the servers started by
// the fixtures fail loudly in that case rather than silently talking to a stranger.
quint16 freeLoopbackPort();

} // namespace hb::test
