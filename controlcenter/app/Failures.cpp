#include "app/Failures.h"

namespace hb::ui {

QString Failures::describe(const hb::cc::RequestFailure &failure)
{
    using Kind = hb::cc::RequestFailure::Kind;
    QString meaning;
    switch (failure.kind) {
    case Kind::TimedOut:
        return tr("the server did not answer in time. The change may still happen: check the "
                  "figures before trying again.");
    case Kind::NotConnected:
        return tr("not connected to the server.");
    case Kind::ConnectionLost:
        return tr("the connection dropped before the server answered. The change may have "
                  "happened: check the figures after reconnecting.");
    case Kind::BadReply:
        return tr("the server's answer could not be read.");
    case Kind::Invalid:
        // Our own check refused it before sending; its message names the problem.
        return failure.message.isEmpty() ? tr("the request was not valid; nothing was sent.")
                                         : failure.message;
    case Kind::ServerError:
        break;
    }
    if (failure.code) {
        switch (*failure.code) {
        case ErrorCode::CapacityFull:
            meaning = tr("that mitra is already at capacity");
            break;
        case ErrorCode::MitraOffline:
            meaning = tr("that mitra is offline");
            break;
        case ErrorCode::Conflict:
            meaning = tr("it changed meanwhile (e.g. the session ended, or it is already there)");
            break;
        case ErrorCode::NotFound:
            meaning = tr("it no longer exists");
            break;
        case ErrorCode::Forbidden:
            meaning = tr("your account may not do this");
            break;
        case ErrorCode::Unavailable:
            meaning = tr("the server cannot do this right now; try again shortly");
            break;
        case ErrorCode::RateLimited:
            meaning = tr("too many requests; wait a moment");
            break;
        case ErrorCode::BadRequest:
        case ErrorCode::TooLarge:
            meaning = tr("the server did not accept the request");
            break;
        case ErrorCode::Unauthorized:
            meaning = tr("your sign-in is no longer valid");
            break;
        case ErrorCode::Internal:
            meaning = tr("the server had an internal error");
            break;
        }
    }
    if (meaning.isEmpty())
        return failure.message.isEmpty() ? tr("the server refused (%1).").arg(failure.codeText)
                                         : failure.message;
    if (failure.message.isEmpty())
        return meaning + QLatin1Char('.');
    //: %1 is our explanation, %2 the server's own message (in English)
    return tr("%1 (server: %2).").arg(meaning, failure.message);
}

bool Failures::isConnectionGone(const hb::cc::RequestFailure &failure)
{
    using Kind = hb::cc::RequestFailure::Kind;
    return failure.kind == Kind::ConnectionLost || failure.kind == Kind::NotConnected;
}

} // namespace hb::ui
