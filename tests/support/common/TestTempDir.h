#pragma once

#include <QString>

namespace hb::test {

// The parent directory for throwaway server data: $HB_TEST_TMPDIR (set by CTest to a folder of
// the build tree) or the system temp dir. Made world-accessible so a server started as another
// user (PostgreSQL runs as `postgres` when the tests run as root) can use sub-folders of it.
QString testTempRoot();

} // namespace hb::test
