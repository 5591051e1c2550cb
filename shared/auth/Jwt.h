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

    friend bool operator==(const JwtClaims &, const JwtClaims &) = default;
};

// Limits applied before any decoding, so a hostile token costs little.
inline constexpr qsizetype kMaxJwtLength = 8192;
inline constexpr qsizetype kMaxJwtSubLength = 200;

// Signs the claims with HS256: base64url (no padding) of header, payload and HMAC-SHA256.
QByteArray mintJwt(const JwtClaims &claims, QByteArrayView secret);

// The claims of a valid token, or why it was refused (for logs; clients only learn
// `unauthorized`). Only HS256 is accepted, never "none"; the signature is compared in constant
// time; `exp` is required and must be later than `nowSecs`; `nbf`, when present, must not be
// later than `nowSecs`. An empty secret refuses every token rather than accepting forgeries.
using JwtVerifyResult = std::variant<JwtClaims, QString>;
JwtVerifyResult verifyJwt(QByteArrayView token, QByteArrayView secret, qint64 nowSecs);

// The identity a connection gets from verified claims; staff without `staff_role` are viewers.
Identity identityFromClaims(const JwtClaims &claims);

} // namespace hb
