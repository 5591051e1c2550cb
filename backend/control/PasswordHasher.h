#pragma once

#include <QFuture>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <cstddef>
#include <mutex>

namespace hb {

// Staff password hashes: argon2id through libsodium's crypto_pwhash_str family, the output a
// self-describing string ('$argon2id$v=19$m=65536,t=2,p=1$salt$hash') kept in PostgreSQL.
//
// Hashing is deliberately slow (about 100 ms and 64 MiB at the interactive cost), so the
// asynchronous calls run on a small pool of their own, never on the caller's thread: the server's
// event loop stays free, and the pool's size bounds the CPU and memory a flood of sign-ins can
// take. Passwords are never logged or kept beyond the call.
class PasswordHasher
{
public:
    struct Cost
    {
        unsigned long long opsLimit = 0;
        std::size_t memLimit = 0;
    };
    static Cost interactive(); // OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE: what accounts use
    static Cost minimal();     // the least libsodium accepts: tests only

    explicit PasswordHasher(Cost cost = interactive(), int threads = 2);
    // Drops jobs not started (their futures are cancelled) and waits for the running ones.
    ~PasswordHasher();

    PasswordHasher(const PasswordHasher &) = delete;
    PasswordHasher &operator=(const PasswordHasher &) = delete;

    // A new hash of `password` with a random salt; empty if libsodium failed (out of memory).
    QFuture<QString> hash(const QString &password);
    // True if `password` matches `hash` (any crypto_pwhash_str string). A malformed hash is false.
    QFuture<bool> verify(const QString &hash, const QString &password);
    // Always false, and takes as long as verify() on a hash of this hasher's cost: for a username
    // that has no account, so its answer does not come sooner than a wrong password's.
    QFuture<bool> verifyDecoy(const QString &password);

    // Jobs submitted and not finished, for back-pressure.
    int pending() const { return m_pending.load(); }
    // Recent duration of one verification, in ms (a moving average; 100 before the first).
    int typicalVerifyMs() const { return m_typicalVerifyMs.load(); }

    // The same work, synchronously on the calling thread (command-line tools, tests).
    static QString hashNow(const QString &password, Cost cost);
    static bool verifyNow(const QString &hash, const QString &password);

private:
    template <class T, class Body> QFuture<T> submit(Body body);
    bool timedVerify(const QString &hash, const QString &password);
    const QString &decoyHash();

    Cost m_cost;
    QThreadPool m_pool;
    std::atomic<int> m_pending{0};
    std::atomic<int> m_typicalVerifyMs{100};
    std::once_flag m_decoyOnce;
    QString m_decoyHash; // written once under m_decoyOnce
};

} // namespace hb
