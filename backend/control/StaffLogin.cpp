#include "StaffLogin.h"

#include "auth/Jwt.h"
#include "control/PasswordHasher.h"
#include "gateway/ClientConnection.h"
#include "gateway/CloseCodes.h"
#include "protocol/ClientMessage.h"
#include "protocol/ServerMessages.h"
#include "store/postgres/PostgresStore.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>

namespace hb {

namespace {

Q_LOGGING_CATEGORY(lcStaffLogin, "halobestie.staff.login")


// Runs `ok(result)` or `fail(reason)` on `context`'s thread once `future` is done.
template <class T, class Ok, class Fail>
void whenDone(QObject *context, const QFuture<T> &future, Ok ok, Fail fail)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, ok, fail] {
        watcher->deleteLater();
        QFuture<T> done = watcher->future();
        try {
            done.waitForFinished(); // rethrows the job's failure, if any
        } catch (const std::exception &e) {
            fail(QString::fromUtf8(e.what()));
            return;
        }
        if (done.resultCount() == 0) {
            fail(QStringLiteral("cancelled"));
            return;
        }
        ok(done.result());
    });
    watcher->setFuture(future);
}

// Usernames come from the network: control characters must not reach the log as they are.
QString loggable(const QString &text)
{
    QString out = text.left(64);
    for (QChar &c : out)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QLatin1Char('?');
    return out;
}

} // namespace

StaffLogin::StaffLogin(Options options, PostgresStore &store, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_store(store),
      m_hasher(std::make_unique<PasswordHasher>()), m_limiter(m_options.limits)
{}

StaffLogin::~StaffLogin() = default;

void StaffLogin::login(ClientConnection *connection, const clientmsg::Login &login,
                       const std::optional<QString> &ref)
{
    Attempt attempt;
    attempt.client = connection;
    attempt.ref = ref;
    attempt.username = login.username.toLower();
    attempt.limiterKey = LoginRateLimiter::addressKey(connection->peerAddress());
    attempt.address = connection->peerAddressText();

    if (m_hasher->pending() >= m_options.maxPendingChecks) {
        qCWarning(lcStaffLogin, "staff sign-in from %s turned away: %d password checks queued",
                  qPrintable(attempt.address), m_hasher->pending());
        refuseAfterDelay(attempt, QStringLiteral("too many sign-ins at once: try again shortly"));
        return;
    }
    switch (m_limiter.begin(attempt.username, attempt.limiterKey)) {
    case LoginRateLimiter::Verdict::Allowed:
        break;
    case LoginRateLimiter::Verdict::AccountLimited:
    case LoginRateLimiter::Verdict::AddressLimited:
        // Not audited one by one: a locked-out attacker could otherwise fill the log. The
        // failure that reached the limit was audited with `locked`.
        qCInfo(lcStaffLogin, "staff sign-in as '%s' from %s refused: too many failures",
               qPrintable(loggable(attempt.username)), qPrintable(attempt.address));
        refuseAfterDelay(attempt,
                         QStringLiteral("too many failed sign-ins: try again in a few minutes"));
        return;
    }

    whenDone(
        this, m_store.findStaffAccount(attempt.username),
        [this, attempt,
         password = login.password](const std::optional<StaffAccountRecord> &account) {
            checkPassword(attempt, account, password);
        },
        [this, attempt](const QString &why) {
            // Not a failure of the user's: it does not count against them.
            m_limiter.abandoned(attempt.username, attempt.limiterKey);
            qCWarning(lcStaffLogin, "staff sign-in unavailable: %s", qPrintable(why));
            if (!attempt.client)
                return;
            attempt.client->sendError(ErrorCode::Unavailable,
                                      QStringLiteral("sign-in is unavailable right now: retry "
                                                     "later"),
                                      attempt.ref);
            attempt.client->closeWith(close_code::kServerError, QStringLiteral("sign-in unavailable"));
        });
}

void StaffLogin::checkPassword(const Attempt &attempt,
                               const std::optional<StaffAccountRecord> &account,
                               const QString &password)
{
    // An unknown username and a disabled account still cost a full check, so the answer's
    // timing tells nothing about which accounts exist or are enabled.
    const QFuture<bool> check = account ? m_hasher->verify(account->passwordHash, password)
                                        : m_hasher->verifyDecoy(password);
    whenDone(
        this, check,
        [this, attempt, account](bool matches) {
            if (!account)
                fail(attempt, QStringLiteral("unknown_username"));
            else if (!matches)
                fail(attempt, QStringLiteral("wrong_password"));
            else if (account->disabled)
                fail(attempt, QStringLiteral("disabled"));
            else
                succeed(attempt, *account);
        },
        [this, attempt](const QString &why) {
            m_limiter.abandoned(attempt.username, attempt.limiterKey);
            qCWarning(lcStaffLogin, "staff password check did not finish: %s", qPrintable(why));
            if (attempt.client)
                attempt.client->closeWith(close_code::kServerError, QStringLiteral("server stopping"));
        });
}

void StaffLogin::succeed(const Attempt &attempt, const StaffAccountRecord &account)
{
    m_limiter.succeeded(attempt.username, attempt.limiterKey);
    ClientConnection *client = attempt.client.data();
    if (!client || client->state() != ClientConnection::State::Authenticating)
        return; // gone meanwhile (closed, or timed out): nobody to sign in

    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    JwtClaims claims;
    claims.sub = account.id;
    claims.role = Role::Staff;
    claims.name = account.displayName;
    claims.iat = nowMs / 1000;
    claims.exp = nowMs / 1000 + qMin(m_options.tokenTtlS, m_options.jwt.maxLifetimeS);
    claims.staffRole = account.role;
    claims.issuer = m_options.jwt.issuer;
    claims.audience = m_options.jwt.staffAudience;
    const QString token = QString::fromUtf8(mintJwt(claims, m_options.jwt.staffSecret));
    // The same identity a hello with this token would give.
    const Identity identity = identityFromClaims(claims);

    const QJsonObject welcome =
        serverMessage::welcome(identity, nowMs, m_options.heartbeatIntervalS,
                               m_options.heartbeatTimeoutS, token, m_options.instanceId);
    client->accept(identity, withRef(welcome, attempt.ref));
    qCInfo(lcStaffLogin, "staff %s (%s, %s) signed in from %s", qPrintable(account.id),
           qPrintable(loggable(account.username)), qPrintable(toString(account.role)),
           qPrintable(attempt.address));

    m_store.recordStaffLogin(account.id, nowMs);
    AuditEntry audit;
    audit.actorId = account.id;
    audit.actorName = account.displayName;
    audit.action = auditAction::kLogin;
    audit.target = account.username;
    audit.after = QJsonObject{{QStringLiteral("staff_role"), toString(account.role)}};
    audit.address = attempt.address;
    audit.atMs = nowMs;
    m_store.recordAudit(audit);

    emit signedIn(client);
}

void StaffLogin::fail(const Attempt &attempt, const QString &reason)
{
    // The attempt was counted when it began; say in the log whether it closed the door.
    const bool accountLocked =
        m_limiter.accountFailures(attempt.username) >= m_options.limits.maxPerAccount;
    const bool addressLocked =
        m_limiter.addressFailures(attempt.limiterKey) >= m_options.limits.maxPerAddress;
    qCInfo(lcStaffLogin, "staff sign-in as '%s' from %s failed: %s%s",
           qPrintable(loggable(attempt.username)), qPrintable(attempt.address), qPrintable(reason),
           accountLocked || addressLocked ? " (now rate limited)" : "");

    AuditEntry audit;
    audit.action = auditAction::kLoginFailed;
    audit.target = attempt.username;
    QJsonObject after{{QStringLiteral("reason"), reason}};
    if (accountLocked)
        after.insert(QStringLiteral("locked"), QStringLiteral("account"));
    else if (addressLocked)
        after.insert(QStringLiteral("locked"), QStringLiteral("address"));
    audit.after = after;
    audit.address = attempt.address;
    m_store.recordAudit(audit);

    if (attempt.client)
        attempt.client->reject(QLatin1String(kFailureMessage), attempt.ref);
}

void StaffLogin::refuseAfterDelay(const Attempt &attempt, const QString &why)
{
    // As long as a real check would take: a refused guess is no cheaper for the guesser than a
    // checked one, and costs the server a timer instead of a hash.
    QTimer::singleShot(m_hasher->typicalVerifyMs(), this, [attempt, why] {
        if (!attempt.client)
            return;
        attempt.client->sendError(ErrorCode::RateLimited, why, attempt.ref);
        attempt.client->closeWith(close_code::kUnauthorized, why);
    });
}

} // namespace hb
