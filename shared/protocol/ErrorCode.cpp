#include "ErrorCode.h"

namespace hb {

namespace {
constexpr ErrorCode kAllCodes[] = {
    ErrorCode::BadRequest, ErrorCode::Unauthorized, ErrorCode::Forbidden,    ErrorCode::NotFound,
    ErrorCode::Conflict,   ErrorCode::CapacityFull, ErrorCode::MitraOffline, ErrorCode::RateLimited,
    ErrorCode::TooLarge,   ErrorCode::Unavailable,  ErrorCode::Internal,
};
} // namespace

QString toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
        return QStringLiteral("bad_request");
    case ErrorCode::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden:
        return QStringLiteral("forbidden");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::CapacityFull:
        return QStringLiteral("capacity_full");
    case ErrorCode::MitraOffline:
        return QStringLiteral("mitra_offline");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate_limited");
    case ErrorCode::TooLarge:
        return QStringLiteral("too_large");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

std::optional<ErrorCode> errorCodeFromString(const QString &text)
{
    for (ErrorCode code : kAllCodes) {
        if (toString(code) == text)
            return code;
    }
    return std::nullopt;
}

} // namespace hb
