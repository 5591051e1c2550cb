#pragma once

#include <QString>
#include <sys/types.h>

namespace hb::test {

// The parent directory for throwaway server data of servers that run as the test's own user
// (Valkey, backends): $HB_TEST_TMPDIR (set by CTest to a folder of the build tree) or
// <system temp>/halobestie-tests-<uid>. Private to the test's user (mode 0700): nothing else
// needs to enter it.
QString testTempRoot();

// True if the user `uid`/`gid` may enter `path`: every directory from / down to it grants that
// user search (x) permission. A server started as another user (PostgreSQL runs as `postgres`
// when the tests run as root) cannot use a data directory it cannot reach, and a checkout in a
// home directory (mode 0700 on Debian) is such a place.
bool isReachableBy(const QString &path, uid_t uid, gid_t gid);

// Where to put the data of a server that runs as `uid`/`gid`: the first of the system temp dir
// ($TMPDIR) and /tmp that this user can reach. Empty, with the reason in `error`, if neither.
// Callers make a private sub-folder there, hand it to that user (chown, mode 0700) and remove
// it afterwards.
QString tempRootReachableBy(uid_t uid, gid_t gid, QString *error);

} // namespace hb::test
