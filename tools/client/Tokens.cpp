#include "Tokens.h"

#include "auth/Jwt.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace hb::bench {

QString mintToolToken(QByteArrayView secret, Role role, const QString &sub, const QString &name)
{
    JwtClaims claims;
    claims.sub = sub;
    claims.role = role;
    claims.name = name;
    claims.exp = QDateTime::currentSecsSinceEpoch() + 86400;
    return QString::fromLatin1(mintJwt(claims, secret));
}

QString newRunId()
{
    return QString::number(QRandomGenerator::system()->generate() & 0xffffff, 36);
}

} // namespace hb::bench
