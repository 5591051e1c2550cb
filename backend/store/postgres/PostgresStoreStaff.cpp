// PostgresStore: staff accounts and the audit log (migration 0003_staff.sql).
#include "PgTransaction.h"
#include "PgWorker.h"
#include "PostgresStore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>
#include <algorithm>

namespace hb {

using JobKind = PgWorker::JobKind;

namespace {

// ON CONFLICT without a target covers both the id and the username: which one it was is read
// back, so a retry of our own insert (same id) counts as done and a taken username does not.
const char *const kInsertAccount = R"sql(
INSERT INTO staff_accounts (id, username, display_name, role, password_hash, disabled)
VALUES ($1, $2, $3, $4, $5, $6::boolean)
ON CONFLICT DO NOTHING
RETURNING id)sql";

const char *const kAccountIdByUsername = "SELECT id FROM staff_accounts WHERE username = $1";

const char *const kSetPasswordHash =
    "UPDATE staff_accounts SET password_hash = $2, updated_at = now() WHERE id = $1";

const char *const kSetDisabled =
    "UPDATE staff_accounts SET disabled = $2::boolean, updated_at = now() WHERE id = $1";

const char *const kFindAccount = R"sql(
SELECT id, username, display_name, role, password_hash, disabled,
       floor(extract(epoch FROM created_at) * 1000)::bigint,
       floor(extract(epoch FROM last_login_at) * 1000)::bigint
FROM staff_accounts
WHERE username = $1)sql";

// Hashes stay in the database: nothing that lists accounts needs them.
const char *const kListAccounts = R"sql(
SELECT id, username, display_name, role, '', disabled,
       floor(extract(epoch FROM created_at) * 1000)::bigint,
       floor(extract(epoch FROM last_login_at) * 1000)::bigint
FROM staff_accounts
ORDER BY username)sql";

// greatest() ignores NULL: the first login sets it, a late retry of an older one changes nothing.
const char *const kRecordLogin = R"sql(
UPDATE staff_accounts
SET last_login_at = greatest(last_login_at,
                             'epoch'::timestamptz + $2::bigint * interval '1 millisecond')
WHERE id = $1)sql";

// JSON values travel as one-element arrays (QJsonDocument cannot write a bare scalar); '' is SQL
// NULL, so a JSON null stays distinguishable from "no value".
const char *const kInsertAudit = R"sql(
INSERT INTO audit_log (entry_key, at, actor, actor_name, action, target, before, after, address)
VALUES ($1::uuid,
        'epoch'::timestamptz + $2::bigint * interval '1 millisecond',
        NULLIF($3, ''), NULLIF($4, ''), $5, NULLIF($6, ''),
        NULLIF($7, '')::jsonb -> 0, NULLIF($8, '')::jsonb -> 0,
        NULLIF($9, ''))
ON CONFLICT (entry_key) DO NOTHING)sql";

// Newest first by id: the order the log received the entries, which is also what `before_id`
// pages by, so pages never skip or repeat an entry even when several share a time.
const char *const kAuditEntries = R"sql(
SELECT id, floor(extract(epoch FROM at) * 1000)::bigint, actor, actor_name, action, target,
       CASE WHEN before IS NULL THEN NULL ELSE jsonb_build_array(before)::text END,
       CASE WHEN after IS NULL THEN NULL ELSE jsonb_build_array(after)::text END,
       address
FROM audit_log
WHERE (NULLIF($1, '') IS NULL OR id < NULLIF($1, '')::bigint)
  AND (NULLIF($2, '') IS NULL OR action = $2)
ORDER BY id DESC
LIMIT $3)sql";

// Which of the given account ids exist, and whether each is disabled. The ids travel as one JSON
// array: any number of them in one parameter.
const char *const kAccountStates = R"sql(
SELECT id, disabled FROM staff_accounts
WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)))sql";

constexpr int kMaxAuditPage = 1000;

QString folded(const QString &username)
{
    return username.toLower();
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString jsonText(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

QJsonValue jsonFromField(const pqxx::field &field)
{
    if (field.is_null())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray(field.c_str(), static_cast<qsizetype>(field.size())));
    return document.array().at(0);
}

StaffAccountRecord toAccount(const pqxx::row &row)
{
    StaffAccountRecord account;
    account.id = PgTransaction::text(row[0]);
    account.username = PgTransaction::text(row[1]);
    account.displayName = PgTransaction::text(row[2]);
    // The table's check admits only these two.
    account.role = staffRoleFromString(PgTransaction::text(row[3])).value_or(StaffRole::Viewer);
    account.passwordHash = PgTransaction::text(row[4]);
    account.disabled = row[5].as<bool>();
    account.createdAtMs = PgTransaction::int64(row[6]);
    account.lastLoginAtMs = PgTransaction::optionalInt64(row[7]);
    return account;
}

// The audit entry as it will be written: its key and time are fixed before the first attempt.
struct PreparedAudit
{
    QString key;
    AuditEntry entry;
};

PreparedAudit prepare(const AuditEntry &entry)
{
    PreparedAudit prepared{QUuid::createUuid().toString(QUuid::WithoutBraces), entry};
    if (prepared.entry.atMs == 0)
        prepared.entry.atMs = QDateTime::currentMSecsSinceEpoch();
    return prepared;
}

std::optional<PreparedAudit> prepare(const std::optional<AuditEntry> &entry)
{
    if (!entry)
        return std::nullopt;
    return prepare(*entry);
}

void insertAudit(PgTransaction &tx, const PreparedAudit &audit)
{
    const AuditEntry &e = audit.entry;
    tx.exec(kInsertAudit, audit.key, e.atMs, e.actorId, e.actorName, e.action, e.target,
            jsonText(e.before), jsonText(e.after), e.address);
}

} // namespace

QFuture<bool> PostgresStore::createStaffAccount(const StaffAccountRecord &account,
                                                const std::optional<AuditEntry> &audit)
{
    StaffAccountRecord row = account;
    row.username = folded(row.username);
    return m_worker->submit<bool>(JobKind::Write, [row, audit = prepare(audit)](PgTransaction &tx) {
        bool created = !tx.exec(kInsertAccount, row.id, row.username, row.displayName,
                                toString(row.role), row.passwordHash, boolText(row.disabled))
                            .empty();
        if (!created) {
            const auto owner = tx.exec(kAccountIdByUsername, row.username);
            // Our own insert, committed by an earlier attempt.
            created = !owner.empty() && PgTransaction::text(owner[0][0]) == row.id;
        }
        if (created && audit)
            insertAudit(tx, *audit);
        return created;
    });
}

QFuture<bool> PostgresStore::setStaffPasswordHash(const QString &accountId,
                                                  const QString &passwordHash,
                                                  const std::optional<AuditEntry> &audit)
{
    return m_worker->submit<bool>(JobKind::Write, [accountId, passwordHash,
                                                   audit = prepare(audit)](PgTransaction &tx) {
        const bool found = tx.exec(kSetPasswordHash, accountId, passwordHash).affected_rows() > 0;
        if (found && audit)
            insertAudit(tx, *audit);
        return found;
    });
}

QFuture<bool> PostgresStore::setStaffDisabled(const QString &accountId, bool disabled,
                                              const std::optional<AuditEntry> &audit)
{
    return m_worker->submit<bool>(JobKind::Write, [accountId, disabled,
                                                   audit = prepare(audit)](PgTransaction &tx) {
        const bool found = tx.exec(kSetDisabled, accountId, boolText(disabled)).affected_rows() > 0;
        if (found && audit)
            insertAudit(tx, *audit);
        return found;
    });
}

QFuture<std::optional<StaffAccountRecord>> PostgresStore::findStaffAccount(const QString &username)
{
    return m_worker->submit<std::optional<StaffAccountRecord>>(
        JobKind::Read,
        [username = folded(username)](PgTransaction &tx) -> std::optional<StaffAccountRecord> {
            const auto rows = tx.exec(kFindAccount, username);
            if (rows.empty())
                return std::nullopt;
            return toAccount(rows[0]);
        });
}

QFuture<QList<StaffAccountRecord>> PostgresStore::listStaffAccounts()
{
    return m_worker->submit<QList<StaffAccountRecord>>(JobKind::Read, [](PgTransaction &tx) {
        QList<StaffAccountRecord> accounts;
        for (const auto &row : tx.exec(kListAccounts))
            accounts.append(toAccount(row));
        return accounts;
    });
}

QFuture<void> PostgresStore::recordStaffLogin(const QString &accountId, qint64 atMs)
{
    return m_worker->submit<void>(JobKind::Write, [accountId, atMs](PgTransaction &tx) {
        tx.exec(kRecordLogin, accountId, atMs);
    });
}

QFuture<void> PostgresStore::recordAudit(const AuditEntry &entry)
{
    return m_worker->submit<void>(
        JobKind::Write, [audit = prepare(entry)](PgTransaction &tx) { insertAudit(tx, audit); });
}

QFuture<AuditPage> PostgresStore::auditEntries(const AuditQuery &query)
{
    const int limit = std::clamp(query.limit, 1, kMaxAuditPage);
    const QString before = query.beforeId ? QString::number(*query.beforeId) : QString();
    return m_worker->submit<AuditPage>(
        JobKind::Read, [before, action = query.action, limit](PgTransaction &tx) {
            AuditPage page;
            // One row more than asked tells whether older entries exist.
            for (const auto &row : tx.exec(kAuditEntries, before, action, limit + 1)) {
                if (page.entries.size() == limit) {
                    page.more = true;
                    break;
                }
                AuditEntry e;
                e.id = PgTransaction::int64(row[0]);
                e.atMs = PgTransaction::int64(row[1]);
                e.actorId = PgTransaction::text(row[2]);
                e.actorName = PgTransaction::text(row[3]);
                e.action = PgTransaction::text(row[4]);
                e.target = PgTransaction::text(row[5]);
                e.before = jsonFromField(row[6]);
                e.after = jsonFromField(row[7]);
                e.address = PgTransaction::text(row[8]);
                page.entries.append(std::move(e));
            }
            return page;
        });
}

QFuture<QHash<QString, bool>> PostgresStore::staffAccountStates(const QStringList &accountIds)
{
    const QString ids = QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(accountIds)).toJson(QJsonDocument::Compact));
    return m_worker->submit<QHash<QString, bool>>(JobKind::Read, [ids](PgTransaction &tx) {
        QHash<QString, bool> disabled;
        for (const auto &row : tx.exec(kAccountStates, ids))
            disabled.insert(PgTransaction::text(row[0]), row[1].as<bool>());
        return disabled;
    });
}

} // namespace hb
