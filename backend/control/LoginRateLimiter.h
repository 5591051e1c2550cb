#pragma once

#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QtGlobal>
#include <deque>
#include <functional>

namespace hb {

// Counts failed staff sign-ins per account and per client address in a sliding window, so that
// guessing passwords is slow: after `maxPerAccount` failures for one username, or
// `maxPerAddress` from one address, within `windowMs`, further attempts are refused without
// checking the password until the oldest failures leave the window.
//
// An attempt counts as a failure from the moment it begins (begin()), so a burst of parallel
// attempts cannot slip past the limit while their passwords are being checked; succeeded() and
// abandoned() take it back.
//
// The counts live in this process only: each backend instance limits on its own, so a cluster of
// N instances allows up to N times the limit. That is accepted for now (keeping them in Valkey
// would make them cluster-wide). Unknown usernames are counted like real ones, so the limits say
// nothing about which accounts exist.
class LoginRateLimiter
{
public:
    struct Limits
    {
        int maxPerAccount = 5;
        int maxPerAddress = 20;
        qint64 windowMs = 5 * 60 * 1000;
    };

    enum class Verdict { Allowed, AccountLimited, AddressLimited };

    // Milliseconds from any fixed point that never goes back (tests inject their own).
    using Clock = std::function<qint64()>;

    LoginRateLimiter(); // the default Limits, the steady clock
    explicit LoginRateLimiter(Limits limits, Clock clock = {});

    // Allowed: the attempt is now counted as a failure for both keys. Otherwise nothing changes
    // (refused attempts do not extend the lockout, so it ends on schedule).
    Verdict begin(const QString &account, const QString &address);
    // The password was right: the account's failures are forgotten, and this attempt no longer
    // counts against the address.
    void succeeded(const QString &account, const QString &address);
    // The attempt could not be decided (e.g. the database was down): it no longer counts.
    void abandoned(const QString &account, const QString &address);

    // Failures of this key still in the window.
    int accountFailures(const QString &account);
    int addressFailures(const QString &address);

    // Keys currently tracked (memory bound checks).
    qsizetype trackedKeys() const { return m_accounts.size() + m_addresses.size(); }

    // The key an address is counted under: IPv4 addresses (also IPv4-mapped IPv6) as they are,
    // IPv6 by their /64, since one host commonly holds a whole /64.
    static QString addressKey(const QHostAddress &address);

private:
    using Failures = std::deque<qint64>;

    int liveCount(QHash<QString, Failures> &table, const QString &key, qint64 now);
    static void dropNewest(QHash<QString, Failures> &table, const QString &key);
    void pruneIfDue(qint64 now);

    Limits m_limits;
    Clock m_clock;
    QHash<QString, Failures> m_accounts;
    QHash<QString, Failures> m_addresses;
    qint64 m_nextPruneMs = 0;
};

} // namespace hb
