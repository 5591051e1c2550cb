#include "Jwt.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QMessageAuthenticationCode>
#include <cmath>

namespace hb {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray hmacSha256(QByteArrayView data, QByteArrayView secret)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256,
                                   QByteArray(secret.data(), secret.size()));
    mac.addData(data.data(), data.size());
    return mac.result();
}

// Strict base64url: only the URL alphabet, no padding, and a length that can be valid. Qt's
// decoder alone would skip or tolerate some of these, letting two encodings name one token.
std::optional<QByteArray> decodeBase64Url(QByteArrayView text)
{
    if (text.isEmpty() || text.size() % 4 == 1)
        return std::nullopt;
    for (char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        QByteArray(text.data(), text.size()), kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

// No early exit, so the time taken does not tell an attacker how many leading bytes match.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::optional<QJsonObject> decodeJsonObject(QByteArrayView part)
{
    const std::optional<QByteArray> bytes = decodeBase64Url(part);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

// JWT NumericDate: a JSON number of seconds (fractions allowed, cut off here).
std::optional<qint64> numericDate(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    // 2^53: beyond it doubles skip integers, and far beyond any real date.
    if (!std::isfinite(seconds) || std::fabs(seconds) > 9007199254740992.0)
        return std::nullopt;
    return static_cast<qint64>(std::floor(seconds));
}

} // namespace

QByteArray mintJwt(const JwtClaims &claims, QByteArrayView secret)
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("HS256")},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    QJsonObject payload{
        {QStringLiteral("sub"), claims.sub},
        {QStringLiteral("role"), toString(claims.role)},
        {QStringLiteral("name"), claims.name},
        {QStringLiteral("exp"), claims.exp},
    };
    if (!claims.issuer.isEmpty())
        payload.insert(QStringLiteral("iss"), claims.issuer);
    if (!claims.audience.isEmpty())
        payload.insert(QStringLiteral("aud"), claims.audience);
    if (claims.iat)
        payload.insert(QStringLiteral("iat"), *claims.iat);
    if (claims.staffRole)
        payload.insert(QStringLiteral("staff_role"), toString(*claims.staffRole));

    const QByteArray signingInput =
        QJsonDocument(header).toJson(QJsonDocument::Compact).toBase64(kBase64Url) + '.' +
        QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(kBase64Url);
    return signingInput + '.' + hmacSha256(signingInput, secret).toBase64(kBase64Url);
}

JwtVerifyResult verifyJwt(QByteArrayView token, const JwtRules &rules, qint64 nowSecs)
{
    if (rules.appSecret.isEmpty() && rules.staffSecret.isEmpty())
        return QStringLiteral("no token secret configured");
    if ((!rules.appSecret.isEmpty() && rules.appSecret.size() < kMinJwtSecretBytes) ||
        (!rules.staffSecret.isEmpty() && rules.staffSecret.size() < kMinJwtSecretBytes))
        return QStringLiteral("token secret shorter than %1 bytes").arg(kMinJwtSecretBytes);
    if (token.size() > kMaxJwtLength)
        return QStringLiteral("token too long");

    const qsizetype firstDot = token.indexOf('.');
    const qsizetype secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (firstDot < 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0)
        return QStringLiteral("token must have exactly three parts");
    const QByteArrayView headerPart = token.first(firstDot);
    const QByteArrayView payloadPart = token.sliced(firstDot + 1, secondDot - firstDot - 1);
    const QByteArrayView signaturePart = token.sliced(secondDot + 1);

    const std::optional<QJsonObject> header = decodeJsonObject(headerPart);
    if (!header)
        return QStringLiteral("malformed token header");
    // Only our one algorithm: accepting "none" or an algorithm chosen by the token would let
    // anyone forge tokens.
    if (header->value(QLatin1String("alg")) != QJsonValue(QStringLiteral("HS256")))
        return QStringLiteral("unsupported token algorithm");

    const std::optional<QByteArray> signature = decodeBase64Url(signaturePart);
    if (!signature)
        return QStringLiteral("malformed token signature");
    // The key is found by trying both rather than by reading the (not yet authenticated)
    // payload; which one matched then bounds the roles the token may claim.
    const QByteArrayView signingInput = token.first(secondDot);
    const auto signedWith = [&](const QByteArray &secret) {
        return !secret.isEmpty() &&
               constantTimeEquals(*signature, hmacSha256(signingInput, secret));
    };
    const bool byAppKey = signedWith(rules.appSecret);
    const bool byStaffKey = !byAppKey && signedWith(rules.staffSecret);
    if (!byAppKey && !byStaffKey)
        return QStringLiteral("bad token signature");

    // From here on the content is the server's own; still validated, as the secret may be
    // shared with another service that mints tokens.
    const std::optional<QJsonObject> payload = decodeJsonObject(payloadPart);
    if (!payload)
        return QStringLiteral("malformed token payload");

    JwtClaims claims;
    const QJsonValue sub = payload->value(QLatin1String("sub"));
    if (!sub.isString() || sub.toString().isEmpty() || sub.toString().size() > kMaxJwtSubLength)
        return QStringLiteral(
            "token claim 'sub' must be a non-empty string of at most 200 characters");
    claims.sub = sub.toString();

    const std::optional<Role> role =
        roleFromString(payload->value(QLatin1String("role")).toString());
    if (!role)
        return QStringLiteral("token claim 'role' must be mitra, customer or staff");
    claims.role = *role;
    if (byAppKey && claims.role == Role::Staff)
        return QStringLiteral("staff tokens must be signed with the staff key");
    if (byStaffKey && claims.role != Role::Staff)
        return QStringLiteral("the staff key signs staff tokens only");

    const QJsonValue iss = payload->value(QLatin1String("iss"));
    if (!iss.isString() || iss.toString() != rules.issuer)
        return QStringLiteral("token claim 'iss' must be '%1'").arg(rules.issuer);
    claims.issuer = iss.toString();

    // RFC 7519 4.1.3: a string, or an array of strings of which one must be ours.
    const QString &audience = rules.audienceFor(claims.role);
    const QJsonValue aud = payload->value(QLatin1String("aud"));
    const bool audienceOk = aud.isArray() ? aud.toArray().contains(QJsonValue(audience))
                                          : aud.isString() && aud.toString() == audience;
    if (!audienceOk)
        return QStringLiteral("token claim 'aud' must name '%1'").arg(audience);
    claims.audience = audience;

    const QJsonValue exp = payload->value(QLatin1String("exp"));
    if (exp.isUndefined())
        return QStringLiteral("token has no 'exp' claim");
    const std::optional<qint64> expSecs = numericDate(exp);
    if (!expSecs)
        return QStringLiteral("token claim 'exp' must be a number");
    if (*expSecs + rules.leewayS <= nowSecs)
        return QStringLiteral("token expired");
    claims.exp = *expSecs;

    const QJsonValue nbf = payload->value(QLatin1String("nbf"));
    if (!nbf.isUndefined()) {
        const std::optional<qint64> nbfSecs = numericDate(nbf);
        if (!nbfSecs)
            return QStringLiteral("token claim 'nbf' must be a number");
        if (*nbfSecs > nowSecs + rules.leewayS)
            return QStringLiteral("token not yet valid");
    }

    const QJsonValue iat = payload->value(QLatin1String("iat"));
    if (!iat.isUndefined()) {
        claims.iat = numericDate(iat);
        if (!claims.iat)
            return QStringLiteral("token claim 'iat' must be a number");
        if (*claims.iat > nowSecs + rules.leewayS)
            return QStringLiteral("token issued in the future");
    }
    // A token without `iat` is measured from now: it may not reach further than a fresh one.
    if (*expSecs - claims.iat.value_or(nowSecs) > rules.maxLifetimeS)
        return QStringLiteral("token lifetime longer than %1 s").arg(rules.maxLifetimeS);

    const QJsonValue name = payload->value(QLatin1String("name"));
    if (!name.isUndefined() && !name.isString())
        return QStringLiteral("token claim 'name' must be a string");
    claims.name = name.toString().isEmpty() ? claims.sub : name.toString();

    const QJsonValue staffRole = payload->value(QLatin1String("staff_role"));
    if (!staffRole.isUndefined()) {
        const std::optional<StaffRole> parsed = staffRoleFromString(staffRole.toString());
        if (!staffRole.isString() || !parsed)
            return QStringLiteral("token claim 'staff_role' must be viewer or supervisor");
        // Meaningless for apps: dropped so no later check can mistake it for a permission.
        if (claims.role == Role::Staff)
            claims.staffRole = parsed;
    }
    return claims;
}

Identity identityFromClaims(const JwtClaims &claims)
{
    Identity identity;
    identity.id = claims.sub;
    identity.role = claims.role;
    identity.name = claims.name.isEmpty() ? claims.sub : claims.name;
    identity.staffRole = claims.role == Role::Staff ? claims.staffRole.value_or(StaffRole::Viewer)
                                                    : StaffRole::Viewer;
    return identity;
}

} // namespace hb
