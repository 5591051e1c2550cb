#include "ConnectionFailures.h"

#include <QWebSocketProtocol>

namespace hb::cc {

namespace {

constexpr int kCloseUnauthorized = 4001;
constexpr int kCloseReplaced = 4002;
constexpr int kCloseGoingAway = 1001;
constexpr int kCloseStoreDown = 1011;

SignInError refused(bool withPassword)
{
    if (withPassword) {
        return {SignInError::Kind::WrongCredentials,
                QStringLiteral("The username or password is wrong, or the account is disabled.")};
    }
    return {SignInError::Kind::TokenRejected,
            QStringLiteral("The saved sign-in is no longer accepted (expired or revoked). "
                           "Please sign in with your password.")};
}

} // namespace

SignInError signInErrorFromServer(const servermsg::Error &error, bool withPassword)
{
    switch (error.code.value_or(ErrorCode::Internal)) {
    case ErrorCode::Unauthorized:
        return refused(withPassword);
    case ErrorCode::RateLimited:
        return {SignInError::Kind::RateLimited,
                QStringLiteral("Too many failed sign-ins. Wait a few minutes, then try again.")};
    case ErrorCode::Unavailable:
        return {SignInError::Kind::ServerUnavailable,
                QStringLiteral("The server cannot check accounts right now (its database is "
                               "unavailable). Try again later.")};
    default:
        break;
    }
    return {SignInError::Kind::ServerError,
            QStringLiteral("The server refused the sign-in: %1 (%2).")
                .arg(error.message, error.codeText)};
}

SignInError signInErrorFromEnd(const ConnectionEnd &end, bool withPassword)
{
    if (end.tlsFailed) {
        return {SignInError::Kind::TlsError,
                QStringLiteral("A secure connection to the server could not be established: %1")
                    .arg(end.errorString)};
    }
    if (end.wasOpen) {
        // Connected, then closed before welcome: the close code tells why.
        if (end.closeCode == kCloseUnauthorized)
            return refused(withPassword);
        if (end.closeCode == kCloseStoreDown) {
            return {SignInError::Kind::ServerUnavailable,
                    QStringLiteral("The server cannot check accounts right now. Try again later.")};
        }
        if (end.cause == ConnectionEnd::Cause::TimedOut) {
            return {SignInError::Kind::Unreachable,
                    QStringLiteral("The server accepted the connection but did not answer the "
                                   "sign-in in time.")};
        }
        return {SignInError::Kind::ServerError,
                QStringLiteral("The server closed the connection during sign-in%1.")
                    .arg(end.closeReason.isEmpty() ? QString()
                                                   : QStringLiteral(": ") + end.closeReason)};
    }
    if (end.cause == ConnectionEnd::Cause::TimedOut) {
        return {SignInError::Kind::Unreachable,
                QStringLiteral("The server did not answer in time. Check the address and your "
                               "network connection.")};
    }
    const auto error = end.socketError.value_or(QAbstractSocket::UnknownSocketError);
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
    case QAbstractSocket::HostNotFoundError:
    case QAbstractSocket::NetworkError:
    case QAbstractSocket::SocketTimeoutError:
    case QAbstractSocket::RemoteHostClosedError:
    case QAbstractSocket::TemporaryError:
        return {SignInError::Kind::Unreachable,
                QStringLiteral("The server cannot be reached (%1). Check the address and your "
                               "network connection.")
                    .arg(end.errorString)};
    default:
        break;
    }
    // The TCP connection worked but the WebSocket handshake did not: wrong path, or not our
    // server at that port.
    return {SignInError::Kind::ProtocolError,
            QStringLiteral("No HaloBestie server answers at this address (%1). Check the address "
                           "(e.g. ws://host:8080/v1/ws).")
                .arg(end.errorString)};
}

DisconnectInfo disconnectInfoFromEnd(const ConnectionEnd &end)
{
    DisconnectInfo info;
    info.closeCode = end.closeCode;
    switch (end.cause) {
    case ConnectionEnd::Cause::SignedOff:
        info.kind = DisconnectInfo::Kind::SignedOut;
        info.message = QStringLiteral("Signed out.");
        return info;
    case ConnectionEnd::Cause::Silent:
    case ConnectionEnd::Cause::TimedOut:
        info.kind = DisconnectInfo::Kind::NetworkLost;
        info.message = QStringLiteral("The server stopped answering.");
        info.willReconnect = true;
        return info;
    case ConnectionEnd::Cause::Closed:
        break;
    }
    switch (end.closeCode) {
    case kCloseReplaced:
        info.kind = DisconnectInfo::Kind::Replaced;
        info.message = QStringLiteral("This account signed in somewhere else, which closed this "
                                      "connection.");
        return info;
    case kCloseUnauthorized:
        info.kind = DisconnectInfo::Kind::Unauthorized;
        info.message = QStringLiteral("The server no longer accepts this sign-in. Please sign "
                                      "in again.");
        return info;
    case kCloseGoingAway:
        info.kind = DisconnectInfo::Kind::ServerShutdown;
        info.message = QStringLiteral("The server is restarting.");
        info.willReconnect = true;
        return info;
    case 0:
    case QWebSocketProtocol::CloseCodeAbnormalDisconnection:
        info.kind = DisconnectInfo::Kind::NetworkLost;
        info.message = QStringLiteral("The connection to the server was lost.");
        info.willReconnect = true;
        return info;
    default:
        info.kind = DisconnectInfo::Kind::Other;
        info.message = end.closeReason.isEmpty()
                           ? QStringLiteral("The server closed the connection (code %1).")
                                 .arg(end.closeCode)
                           : end.closeReason;
        info.willReconnect = true;
        return info;
    }
}

bool isFinalReconnectFailure(const ConnectionEnd &end, const std::optional<servermsg::Error> &error)
{
    if (error && error->code == ErrorCode::Unauthorized)
        return true;
    return end.wasOpen && (end.closeCode == kCloseUnauthorized || end.closeCode == kCloseReplaced);
}

} // namespace hb::cc
