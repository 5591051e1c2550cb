#include "PasswordHasher.h"

#include <QElapsedTimer>
#include <QPromise>
#include <memory>
#include <sodium.h>

namespace hb {

namespace {

// sodium_init() is safe to call repeatedly and from several threads; it only has to happen
// before the first libsodium call, and a failure means no usable randomness: nothing to go on.
void ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        qFatal("libsodium failed to initialise");
}

} // namespace

PasswordHasher::Cost PasswordHasher::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHasher::Cost PasswordHasher::minimal()
{
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(Cost cost, int threads) : m_cost(cost)
{
    ensureSodium();
    m_pool.setMaxThreadCount(std::max(1, threads));
    m_pool.setObjectName(QStringLiteral("password-hasher"));
    // The decoy is made ahead, so the first unknown username does not pay for two hashes.
    m_pool.start([this] { decoyHash(); });
}

PasswordHasher::~PasswordHasher()
{
    m_pool.clear();
    m_pool.waitForDone();
}

template <class T, class Body> QFuture<T> PasswordHasher::submit(Body body)
{
    // QRunnable wants a copyable callable, QPromise is move-only: share it. A job dropped by
    // clear() destroys its promise unfinished, which cancels the future.
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    ++m_pending;
    m_pool.start([this, promise, body = std::move(body)] {
        promise->addResult(body());
        promise->finish();
        --m_pending;
    });
    return future;
}

QFuture<QString> PasswordHasher::hash(const QString &password)
{
    return submit<QString>([password, cost = m_cost] { return hashNow(password, cost); });
}

QFuture<bool> PasswordHasher::verify(const QString &hash, const QString &password)
{
    return submit<bool>([this, hash, password] { return timedVerify(hash, password); });
}

QFuture<bool> PasswordHasher::verifyDecoy(const QString &password)
{
    return submit<bool>([this, password] {
        timedVerify(decoyHash(), password);
        return false;
    });
}

bool PasswordHasher::timedVerify(const QString &hash, const QString &password)
{
    QElapsedTimer timer;
    timer.start();
    const bool ok = verifyNow(hash, password);
    // A rough average is enough: it only paces answers that skip the check (rate limiting).
    const int took = static_cast<int>(timer.elapsed());
    const int before = m_typicalVerifyMs.load();
    m_typicalVerifyMs.store((before * 3 + took) / 4);
    return ok;
}

const QString &PasswordHasher::decoyHash()
{
    std::call_once(m_decoyOnce, [this] {
        // A random password nobody is told: no input verifies against it.
        unsigned char secret[32];
        randombytes_buf(secret, sizeof secret);
        const QString password = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(secret), sizeof secret).toHex());
        sodium_memzero(secret, sizeof secret);
        m_decoyHash = hashNow(password, m_cost);
    });
    return m_decoyHash;
}

QString PasswordHasher::hashNow(const QString &password, Cost cost)
{
    ensureSodium();
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                              cost.opsLimit, cost.memLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verifyNow(const QString &hash, const QString &password)
{
    ensureSodium();
    const QByteArray encoded = hash.toLatin1();
    // libsodium reads the string up to its NUL; one longer than the format allows is not ours.
    if (encoded.isEmpty() || encoded.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(encoded.constData(), utf8.constData(),
                                    static_cast<unsigned long long>(utf8.size())) == 0;
}

} // namespace hb
