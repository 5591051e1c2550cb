#pragma once

#include "domain/PresenceInterval.h"
#include "store/postgres/OutboxEvent.h"
#include "store/postgres/PairingRecords.h"
#include "store/postgres/PostgresConfig.h"
#include "store/postgres/StaffRecords.h"

#include <QFuture>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace hb {

class PgWorker;

// The backend's durable store. Every call returns at once with a QFuture; the work runs in
// order on the store's own database thread (see PgWorker), so callers on the event loop never
// block. Continue with future.then(contextObject, ...). Failed futures carry a PostgresError.
//
// Writes are idempotent and are retried across connection loss until they succeed, for as long
// as the store lives; reads fail after a few reconnection attempts.
class PostgresStore : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultCloseTimeoutMs = 10000;

    explicit PostgresStore(PostgresConfig config, QObject *parent = nullptr);
    // Lets queued writes finish (up to kDefaultCloseTimeoutMs), then stops the thread.
    ~PostgresStore() override;

    const PostgresConfig &config() const { return m_config; }

    // Connects (bounded by connectTimeoutS) and applies pending migrations. Fails with one line,
    // e.g. "cannot connect to PostgreSQL at postgresql://app:***@db/halobestie: <reason>".
    QFuture<void> open();

    // Stops accepting work, waits up to `timeoutMs` for queued jobs, abandons the rest (their
    // futures fail, the count is logged and returned). Later calls fail at once.
    int close(int timeoutMs = kDefaultCloseTimeoutMs);

    // Jobs accepted and not finished, for health checks and metrics. A job leaves the count a
    // moment after its future finishes.
    int queuedJobs() const;

    // Insert, or update display_name (and updated_at, only when it changes).
    QFuture<void> upsertMitra(const QString &id, const QString &displayName);
    QFuture<void> upsertCustomer(const QString &id, const QString &displayName);

    // The presence log, keyed by (mitraId, onlineAtMs). Both calls are idempotent and commute,
    // so instances may log the two ends of an interval in either order. An unknown mitra is
    // created with its id as display name.
    // Opens the interval; nothing changes if it exists, open or already closed.
    QFuture<void> recordOnline(const QString &mitraId, qint64 onlineAtMs);
    // Closes the interval (creating it closed if its start was never logged); a second close
    // keeps the first. `reason` is an OfflineReason string.
    QFuture<void> recordOffline(const QString &mitraId, qint64 onlineAtMs, qint64 offlineAtMs,
                                const QString &reason);

    // Intervals of `mitraId` overlapping [fromMs, toMs] (open ones reach to "now and beyond"),
    // by online time.
    QFuture<QList<PresenceInterval>> presenceIntervals(const QString &mitraId, qint64 fromMs,
                                                       qint64 toMs);
    // Every open interval, by mitra then online time (reconciliation with the live state).
    QFuture<QList<PresenceInterval>> openIntervals();

    // The pairing log (PostgresStorePairing.cpp). Valkey decides; these record the decisions.
    // Every write is idempotent and commutes with the others, so instances may log the steps of
    // one request or session in any order: each write creates the rows it needs (customer,
    // mitra, request, offer, session) from its own data if they are absent; the first close of
    // a request and the first end of a session win (Valkey decides each once, so a second one is
    // a repeat); offers and assignments settle by their times (below). Failures that are bugs
    // upstream (a second session for a request) fail the future with a message, not retried.

    // The request, open, if it is not logged yet.
    QFuture<void> recordRequestCreated(const RequestRecord &request);
    // The request was offered to `mitraIds` (each at most once per request; a repeat keeps the
    // earliest time). Offers logged after the request closed are closed as it says.
    QFuture<void> recordOffers(const RequestRecord &request, const QStringList &mitraIds,
                               qint64 offeredAtMs);
    // `outcome`: accepted | declined | expired | taken | cancelled | failed. Of two closes the
    // earlier wins, whichever lands first; at the same instant the mitra's own answer (declined,
    // expired) wins over an outcome that merely follows from the request closing (taken,
    // cancelled, failed); accepted always wins over the latter and is never replaced.
    QFuture<void> recordOfferClosed(const RequestRecord &request, const QString &mitraId,
                                    const QString &outcome, qint64 closedAtMs);
    // `status`: matched | cancelled | failed; `reason` (may be empty): no_bestie_available or
    // timeout for failed, cancelled for cancelled. The first close wins. The request's offers
    // close with it (cancelled, failed, or taken when matched) by recordOfferClosed's rule.
    QFuture<void> recordRequestClosed(const RequestRecord &request, const QString &status,
                                      const QString &reason, qint64 closedAtMs);
    // One transaction: the request matched (first close wins), `session.mitraId`'s offer
    // accepted, the session (awaiting_payment) and its first assignment (reason accepted, at
    // acceptedAtMs). Fails, without retry, if the request already has another session.
    QFuture<void> recordSessionAccepted(const RequestRecord &request, const SessionRecord &session);
    // Payment confirmed: awaiting_payment -> active. Relies on no ordering between instances: a
    // start (or end) logged before the session's acceptance is kept aside and applied, under the
    // same per-session lock, when the session row is created.
    QFuture<void> recordSessionStarted(const QString &sessionId, qint64 startedAtMs);
    // The first end wins; the current assignment ends with the session. Order-free like
    // recordSessionStarted.
    QFuture<void> recordSessionEnded(const QString &sessionId, qint64 endedAtMs,
                                     const QString &reason);
    // One transaction: the assignment the session leaves ends at reroutedAtMs (logged too if it
    // was not), the new one (reason rerouted, assigned_by byStaff) begins. Creates the session
    // from the record if its acceptance has not landed yet. Assignments form a timeline, so
    // reroutes and the acceptance may land in any order and only the last one stays current.
    QFuture<void> recordReroute(const RerouteRecord &reroute);

    // The durable log shipped from the Valkey outbox (PostgresStoreEvents.cpp).
    // Applies `events` in ONE transaction, in order (a write retried across outages like every
    // write: the future finishes only once committed). Each event is applied with the same steps
    // as its record* call above, so applying one twice changes nothing. Fails, without retry,
    // if any event is refused (the shipper then applies them one by one).
    QFuture<void> applyEvents(const QList<OutboxEvent> &events);
    // Keeps an event PostgreSQL refused for good (or that could not be decoded), with the error;
    // the first one is kept on a repeat. `payload`: the event as staff should see it.
    QFuture<void> recordDeadLetter(const QString &eventId, const QString &eventType,
                                   const QString &payload, const QString &error);
    // The dead letters, oldest first (id, type, payload, error), at most `limit`.
    QFuture<QList<DeadLetter>> deadLetters(int limit = 1000);
    QFuture<int> deadLetterCount();
    // Removes them all (staff looked at them); returns how many were removed.
    QFuture<int> clearDeadLetters();

    // Settings (PostgresStoreSettings.cpp). Writes are idempotent; bad values fail the future.
    QFuture<PairingSettings> loadPairingSettings();
    // nullopt removes the setting (the configured default applies again).
    QFuture<void> saveGlobalMaxCustomers(std::optional<int> maxCustomers);
    // nullopt: the global capacity applies to this mitra. Unknown mitras are created.
    QFuture<void> saveMitraMaxCustomers(const QString &mitraId, std::optional<int> maxCustomers);
    QFuture<void> saveMitraWeight(const QString &mitraId, int weight);
    // Any settings key; an undefined value removes it. Known pairing keys are checked
    // (global_max_customers, round_robin_batch, broadcast_max: integers; pairing_strategy).
    QFuture<void> saveSetting(const QString &key, const QJsonValue &value);

    // Sessions not ended, with the mitra serving each now, by acceptance time (rebuilding the
    // live state).
    QFuture<QList<SessionRecord>> openSessions();
    // Requests still open, oldest first.
    QFuture<QList<RequestRecord>> openRequests();

    // Staff accounts and the audit log (PostgresStoreStaff.cpp). Usernames are folded to lower
    // case. The account writes take an optional audit entry, written in the same transaction
    // when the change is made (so no change goes unaudited and no audit claims a change that
    // did not happen). Every write is idempotent, so a retry after a lost commit is harmless.

    // Creates the account (`id`, `username`, `displayName`, `role`, `passwordHash`, `disabled`).
    // false: the username is taken by another account (nothing written).
    QFuture<bool> createStaffAccount(const StaffAccountRecord &account,
                                     const std::optional<AuditEntry> &audit = std::nullopt);
    // false: no account with this id (nothing written).
    QFuture<bool> setStaffPasswordHash(const QString &accountId, const QString &passwordHash,
                                       const std::optional<AuditEntry> &audit = std::nullopt);
    QFuture<bool> setStaffDisabled(const QString &accountId, bool disabled,
                                   const std::optional<AuditEntry> &audit = std::nullopt);
    // The account with this username (any case), hash included; nullopt if there is none.
    QFuture<std::optional<StaffAccountRecord>> findStaffAccount(const QString &username);
    // Every account by username, without password hashes.
    QFuture<QList<StaffAccountRecord>> listStaffAccounts();
    // A successful sign-in: last_login_at moves forward (never back, so retries are harmless).
    QFuture<void> recordStaffLogin(const QString &accountId, qint64 atMs);

    // Appends to the audit log (atMs 0: now). The entry's identity is fixed when this is called,
    // so a retried write never logs it twice.
    QFuture<void> recordAudit(const AuditEntry &entry);
    // A page of the log, newest first by id (the order entries were received).
    QFuture<AuditPage> auditEntries(const AuditQuery &query);
    // For each of `accountIds` that is a staff account: whether it is disabled. Ids that are no
    // account are left out.
    QFuture<QHash<QString, bool>> staffAccountStates(const QStringList &accountIds);

    // What staff watch (PostgresStoreStaffQueries.cpp).
    // True if the mitra is known (has ever connected or been configured).
    QFuture<bool> mitraExists(const QString &mitraId);

signals:
    // A working connection broke; writes are queued until it is back.
    void connectionLost(const QString &reason);
    void connectionRestored();

private:
    PostgresConfig m_config;
    PgWorker *m_worker; // child: moves threads with the store
};

} // namespace hb
