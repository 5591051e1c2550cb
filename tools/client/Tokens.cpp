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
    // The server's issuer and apps' audience: the same variables it reads, with its defaults.
    claims.issuer = qEnvironmentVariable("HALOBESTIE_JWT_ISSUER", JwtRules::defaultIssuer());
    claims.audience =
        qEnvironmentVariable("HALOBESTIE_JWT_AUDIENCE", JwtRules::defaultAppAudience());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    claims.iat = now;
    claims.exp = now + 86400; // the server's default maximum lifetime
    return QString::fromLatin1(mintJwt(claims, secret));
}

QString newRunId()
{
    return QString::number(QRandomGenerator::system()->generate() & 0xffffff, 36);
}

} // namespace hb::bench
