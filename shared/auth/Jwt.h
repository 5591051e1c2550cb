#pragma once

#include "domain/Identity.h"
#include "domain/Role.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>
#include <optional>
#include <variant>

namespace hb {

// The claims HaloBestie tokens carry (protocol v1, "Authentication").
struct JwtClaims
{
    QString sub; // user id
    Role role = Role::Customer;
    QString name;   // display name; verifyJwt() fills in `sub` when the token has none
    qint64 exp = 0; // unix seconds
    std::optional<qint64> iat;
    std::optional<StaffRole> staffRole; // only kept for staff tokens; absent means viewer
    QString issuer;   // `iss`
    QString audience; // `aud` (the one this server expects, when the token names several)

    friend bool operator==(const JwtClaims &, const JwtClaims &) = default;
};

// Limits applied before any decoding, so a hostile token costs little.
inline constexpr qsizetype kMaxJwtLength = 8192;
inline constexpr qsizetype kMaxJwtSubLength = 200;
// RFC 7518 3.2: an HS256 key must be at least as long as the hash output.
inline constexpr qsizetype kMinJwtSecretBytes = 32;

// What a server accepts. Apps' tokens (mitra, customer) and staff tokens are signed with two
// different keys, so whoever holds the apps' key (e.g. the app backend that mints them) cannot
// mint staff; each kind names its own audience, so neither can pass for the other.
struct JwtRules
{
    QByteArray appSecret;
    QByteArray staffSecret; // empty: no staff token is accepted
    QString issuer = defaultIssuer();
    QString appAudience = defaultAppAudience();
    QString staffAudience = defaultStaffAudience();
    qint64 leewayS = 30;         // clock skew allowed on exp, nbf and iat
    qint64 maxLifetimeS = 86400; // exp - iat (or exp - now without iat) at most this

    static QString defaultIssuer() { return QStringLiteral("halobestie"); }
    static QString defaultAppAudience() { return QStringLiteral("halobestie-apps"); }
    static QString defaultStaffAudience() { return QStringLiteral("halobestie-staff"); }

    // The audience a token of `role` must carry.
    const QString &audienceFor(Role role) const
    {
        return role == Role::Staff ? staffAudience : appAudience;
    }
};

// Signs the claims with HS256: base64url (no padding) of header, payload and HMAC-SHA256.
// `iss` and `aud` are written when set.
QByteArray mintJwt(const JwtClaims &claims, QByteArrayView secret);

// The claims of a valid token, or why it was refused (for logs; clients only learn
// `unauthorized`). Only HS256 is accepted, never "none"; the signature is compared in constant
// time against the apps' key, then the staff key, and the key that matched decides the roles
// allowed (staff key: staff only; apps' key: mitra and customer only). `iss` must be the
// rules' issuer and `aud` (a string or an array) must hold the audience of the token's role.
// `exp` is required and must be later than now - leeway; `nbf` and `iat`, when present, no later
// than now + leeway; the lifetime (exp - iat, or exp - now) at most maxLifetimeS. A secret
// shorter than kMinJwtSecretBytes refuses every token rather than accepting guessable ones.
using JwtVerifyResult = std::variant<JwtClaims, QString>;
JwtVerifyResult verifyJwt(QByteArrayView token, const JwtRules &rules, qint64 nowSecs);

// The identity a connection gets from verified claims; staff without `staff_role` are viewers.
Identity identityFromClaims(const JwtClaims &claims);

} // namespace hb
