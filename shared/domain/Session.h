#pragma once

#include <QString>
#include <QtGlobal>
#include <optional>

namespace hb {

// One side of a session or request as the protocol shows it: `{"id","name"}`.
struct Party
{
    QString id;
    QString name;

    friend bool operator==(const Party &, const Party &) = default;
};

// Where a session is in its life. `awaiting_payment` is the payment seam: it confirms at once in
// this phase, but reroute already works there so the next phase only plugs payment in.
enum class SessionState { AwaitingPayment, Active, Ended };

QString toString(SessionState state);
std::optional<SessionState> sessionStateFromString(const QString &text);

// A session between a customer and the mitra currently serving them. `mitra` changes on reroute;
// `id`, `requestId` and `customer` never do.
struct Session
{
    QString id;
    QString requestId;
    Party customer;
    Party mitra;
    SessionState state = SessionState::AwaitingPayment;
    qint64 startedAtMs = 0;

    bool isOpen() const { return state != SessionState::Ended; }

    friend bool operator==(const Session &, const Session &) = default;
};

} // namespace hb
