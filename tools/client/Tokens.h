#pragma once

#include "domain/Role.h"

#include <QByteArrayView>
#include <QString>

namespace hb::bench {

// A token for `hello`, signed with the server's apps' secret, valid for a day, with the issuer and
// audience of HALOBESTIE_JWT_ISSUER / HALOBESTIE_JWT_AUDIENCE (else the defaults): the tools mint
// their own users (unique `sub`s per run) so they never collide with real ones or each other.
QString mintToolToken(QByteArrayView secret, Role role, const QString &sub, const QString &name);

// A short id for this run (`bench-<run>-m-17`), so repeated runs against one stack never reuse
// a user whose state (open sessions, presence) an earlier run left behind.
QString newRunId();

} // namespace hb::bench
