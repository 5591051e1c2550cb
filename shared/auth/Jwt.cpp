#include "Jwt.h"

#include <QCryptographicHash>
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
    if (claims.iat)
        payload.insert(QStringLiteral("iat"), *claims.iat);
    if (claims.staffRole)
        payload.insert(QStringLiteral("staff_role"), toString(*claims.staffRole));

    const QByteArray signingInput =
        QJsonDocument(header).toJson(QJsonDocument::Compact).toBase64(kBase64Url) + '.' +
        QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(kBase64Url);
    return signingInput + '.' + hmacSha256(signingInput, secret).toBase64(kBase64Url);
}

JwtVerifyResult verifyJwt(QByteArrayView token, QByteArrayView secret, qint64 nowSecs)
{
    if (secret.isEmpty())
        return QStringLiteral("no token secret configured");
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
    const QByteArray expected = hmacSha256(token.first(secondDot), secret);
    if (!constantTimeEquals(*signature, expected))
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

    const QJsonValue exp = payload->value(QLatin1String("exp"));
    if (exp.isUndefined())
        return QStringLiteral("token has no 'exp' claim");
    const std::optional<qint64> expSecs = numericDate(exp);
    if (!expSecs)
        return QStringLiteral("token claim 'exp' must be a number");
    if (*expSecs <= nowSecs)
        return QStringLiteral("token expired");
    claims.exp = *expSecs;

    const QJsonValue nbf = payload->value(QLatin1String("nbf"));
    if (!nbf.isUndefined()) {
        const std::optional<qint64> nbfSecs = numericDate(nbf);
        if (!nbfSecs)
            return QStringLiteral("token claim 'nbf' must be a number");
        if (*nbfSecs > nowSecs)
            return QStringLiteral("token not yet valid");
    }

    const QJsonValue iat = payload->value(QLatin1String("iat"));
    if (!iat.isUndefined()) {
        claims.iat = numericDate(iat);
        if (!claims.iat)
            return QStringLiteral("token claim 'iat' must be a number");
    }

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
