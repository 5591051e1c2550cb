// libFuzzer target: token verification (shared/auth/Jwt), the first thing a `hello` reaches.
// The input is tried as a whole token, and also as a payload signed with the apps' key (so the
// claim checks behind the signature are reached, not only the signature check). Whatever is
// accepted must keep every rule: our issuer and audience, not expired, lifetime bounded,
// staff only from the staff key.
#include "auth/Jwt.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <cstdint>
#include <cstdlib>

namespace {

constexpr qint64 kNow = 1775000000;

const hb::JwtRules &rules()
{
    static const hb::JwtRules r = [] {
        hb::JwtRules rules;
        rules.appSecret = QByteArrayLiteral("fuzz-apps-secret-0123456789abcdef");
        rules.staffSecret = QByteArrayLiteral("fuzz-staff-secret-0123456789abcde");
        return rules;
    }();
    return r;
}

// `viaStaffKey`: which key signed the token, when the target knows.
void checkAccepted(const hb::JwtVerifyResult &result, std::optional<bool> viaStaffKey)
{
    const auto *claims = std::get_if<hb::JwtClaims>(&result);
    if (!claims) {
        if (std::get<QString>(result).isEmpty())
            std::abort();
        return;
    }
    const hb::JwtRules &r = rules();
    const bool ok = !claims->sub.isEmpty() && claims->issuer == r.issuer &&
                    claims->audience == r.audienceFor(claims->role) &&
                    claims->exp + r.leewayS > kNow &&
                    claims->exp - claims->iat.value_or(kNow) <= r.maxLifetimeS &&
                    (!viaStaffKey || (claims->role == hb::Role::Staff) == *viaStaffKey) &&
                    (claims->role == hb::Role::Staff || !claims->staffRole);
    if (!ok)
        std::abort();
}

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkAccepted(hb::verifyJwt(input, rules(), kNow), std::nullopt);

    // The input as a payload, signed: the header fixed, so the claim checks are exercised.
    const QByteArray signingInput = b64(R"({"alg":"HS256","typ":"JWT"})") + '.' + b64(input);
    const bool staffKey = !input.isEmpty() && (input.front() & 1);
    const QByteArray &secret = staffKey ? rules().staffSecret : rules().appSecret;
    const QByteArray token =
        signingInput + '.' +
        b64(QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256));
    checkAccepted(hb::verifyJwt(token, rules(), kNow), staffKey);
    return 0;
}
