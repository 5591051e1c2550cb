#include "LoginRateLimiter.h"

#include <QElapsedTimer>
#include <memory>

namespace hb {

namespace {

LoginRateLimiter::Clock steadyClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}

} // namespace

LoginRateLimiter::LoginRateLimiter() : LoginRateLimiter(Limits{}) {}

LoginRateLimiter::LoginRateLimiter(Limits limits, Clock clock)
    : m_limits(limits), m_clock(clock ? std::move(clock) : steadyClock())
{}

LoginRateLimiter::Verdict LoginRateLimiter::begin(const QString &account, const QString &address)
{
    const qint64 now = m_clock();
    pruneIfDue(now);
    if (liveCount(m_accounts, account, now) >= m_limits.maxPerAccount)
        return Verdict::AccountLimited;
    if (liveCount(m_addresses, address, now) >= m_limits.maxPerAddress)
        return Verdict::AddressLimited;
    m_accounts[account].push_back(now);
    m_addresses[address].push_back(now);
    return Verdict::Allowed;
}

void LoginRateLimiter::succeeded(const QString &account, const QString &address)
{
    m_accounts.remove(account);
    dropNewest(m_addresses, address);
}

void LoginRateLimiter::abandoned(const QString &account, const QString &address)
{
    dropNewest(m_accounts, account);
    dropNewest(m_addresses, address);
}

int LoginRateLimiter::accountFailures(const QString &account)
{
    return liveCount(m_accounts, account, m_clock());
}

int LoginRateLimiter::addressFailures(const QString &address)
{
    return liveCount(m_addresses, address, m_clock());
}

QString LoginRateLimiter::addressKey(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    if (isIpv4)
        return QHostAddress(ipv4).toString();
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address.toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

int LoginRateLimiter::liveCount(QHash<QString, Failures> &table, const QString &key, qint64 now)
{
    const auto it = table.find(key);
    if (it == table.end())
        return 0;
    Failures &failures = it.value();
    while (!failures.empty() && failures.front() <= now - m_limits.windowMs)
        failures.pop_front();
    if (failures.empty()) {
        table.erase(it);
        return 0;
    }
    return static_cast<int>(failures.size());
}

void LoginRateLimiter::dropNewest(QHash<QString, Failures> &table, const QString &key)
{
    const auto it = table.find(key);
    if (it == table.end())
        return;
    if (!it->empty())
        it->pop_back();
    if (it->empty())
        table.erase(it);
}

void LoginRateLimiter::pruneIfDue(qint64 now)
{
    // Usernames that are tried once and never again would otherwise stay forever: a sweep once
    // per window keeps memory bounded by the attempts of one window.
    if (now < m_nextPruneMs)
        return;
    m_nextPruneMs = now + m_limits.windowMs;
    for (auto *table : {&m_accounts, &m_addresses}) {
        for (auto it = table->begin(); it != table->end();) {
            if (it->empty() || it->back() <= now - m_limits.windowMs)
                it = table->erase(it);
            else
                ++it;
        }
    }
}

} // namespace hb
