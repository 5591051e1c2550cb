// PostgresStore against a real PostgreSQL server: staff accounts and the audit log.
#include "FutureWait.h"
#include "postgres/PostgresServer.h"
#include "store/postgres/PostgresStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <memory>

using hb::AuditEntry;
using hb::AuditPage;
using hb::AuditQuery;
using hb::PostgresConfig;
using hb::PostgresStore;
using hb::StaffAccountRecord;
using hb::StaffRole;
using hb::test::failureOf;
using hb::test::waitForFuture;

namespace {

// A syntactically valid argon2id string (the table checks the prefix; nothing verifies it here).
QString fakeHash(const char *tag)
{
    return QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$%1").arg(QLatin1String(tag));
}

StaffAccountRecord account(const QString &id, const QString &username, StaffRole role)
{
    StaffAccountRecord a;
    a.id = id;
    a.username = username;
    a.displayName = QStringLiteral("Name of ") + username;
    a.role = role;
    a.passwordHash = fakeHash("one");
    return a;
}

template <class T> T valueOf(const QFuture<T> &future)
{
    if (!waitForFuture(future))
        qFatal("store call did not finish");
    const QString failure = failureOf(future);
    if (!failure.isEmpty())
        qFatal("store call failed: %s", qPrintable(failure));
    return future.result();
}

void finish(const QFuture<void> &future)
{
    if (!waitForFuture(future))
        qFatal("store call did not finish");
    const QString failure = failureOf(future);
    if (!failure.isEmpty())
        qFatal("store call failed: %s", qPrintable(failure));
}

} // namespace

class TestPostgresStaff : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void migrationCreatesTheTables();
    void createFindAndList();
    void usernamesAreCaseInsensitive();
    void createIsIdempotentForTheSameId();
    void passwordAndDisabledChanges();
    void accountChangesAreAuditedInTheSameTransaction();
    void lastLoginOnlyMovesForward();
    void auditRoundTrip();
    void auditPagesNewestFirst();
    void accountStates();

private:
    hb::test::PostgresServer m_server;
    std::unique_ptr<PostgresStore> m_store;
    QString m_db;
    int m_databases = 0;

    QList<QStringList> sql(const QString &query) { return m_server.query(m_db, query); }
};

void TestPostgresStaff::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

void TestPostgresStaff::init()
{
    // A fresh database per test: the audit log is append-only and accounts are unique.
    m_store.reset();
    m_db = QStringLiteral("staff_%1").arg(++m_databases);
    QString error;
    QVERIFY2(m_server.createDatabase(m_db, &error), qPrintable(error));
    m_store = std::make_unique<PostgresStore>(
        PostgresConfig{m_server.url(m_db), QStringLiteral("i1"), 5});
    finish(m_store->open());
}

void TestPostgresStaff::migrationCreatesTheTables()
{
    QCOMPARE(sql(QStringLiteral("SELECT name FROM schema_migrations WHERE version = 3")),
             (QList<QStringList>{{QStringLiteral("0003_staff")}}));
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename IN "
                                "('staff_accounts', 'audit_log')")),
             (QList<QStringList>{{QStringLiteral("2")}}));
    // Roles outside the two, and hashes that are not argon2id, are refused by the table itself.
    QString error;
    m_server.query(m_db,
                   QStringLiteral("INSERT INTO staff_accounts (id, username, display_name, role, "
                                  "password_hash) VALUES ('x', 'x', 'x', 'admin', '$argon2id$')"),
                   &error);
    QVERIFY(error.contains(QLatin1String("staff_accounts_role_known")));
    error.clear();
    m_server.query(m_db,
                   QStringLiteral("INSERT INTO staff_accounts (id, username, display_name, role, "
                                  "password_hash) VALUES ('x', 'x', 'x', 'viewer', 'plain')"),
                   &error);
    QVERIFY(error.contains(QLatin1String("staff_accounts_password_hash_argon2id")));
}

void TestPostgresStaff::createFindAndList()
{
    QVERIFY(valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_1"), QStringLiteral("ops"), StaffRole::Supervisor))));
    QVERIFY(valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_2"), QStringLiteral("audit"), StaffRole::Viewer))));

    const auto found = valueOf(m_store->findStaffAccount(QStringLiteral("ops")));
    QVERIFY(found);
    QCOMPARE(found->id, QStringLiteral("staff_1"));
    QCOMPARE(found->username, QStringLiteral("ops"));
    QCOMPARE(found->displayName, QStringLiteral("Name of ops"));
    QVERIFY(found->role == StaffRole::Supervisor);
    QCOMPARE(found->passwordHash, fakeHash("one"));
    QVERIFY(!found->disabled);
    QVERIFY(found->createdAtMs > 0);
    QVERIFY(!found->lastLoginAtMs);

    QVERIFY(!valueOf(m_store->findStaffAccount(QStringLiteral("nobody"))));

    const QList<StaffAccountRecord> all = valueOf(m_store->listStaffAccounts());
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].username, QStringLiteral("audit")); // by username
    QVERIFY(all[0].role == StaffRole::Viewer);
    QCOMPARE(all[1].username, QStringLiteral("ops"));
    for (const StaffAccountRecord &a : all)
        QVERIFY2(a.passwordHash.isEmpty(), "listing must not carry hashes");
}

void TestPostgresStaff::usernamesAreCaseInsensitive()
{
    QVERIFY(valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_1"), QStringLiteral("Ops.Lead"), StaffRole::Viewer))));
    QCOMPARE(sql(QStringLiteral("SELECT username FROM staff_accounts")),
             (QList<QStringList>{{QStringLiteral("ops.lead")}}));
    const auto found = valueOf(m_store->findStaffAccount(QStringLiteral("OPS.LEAD")));
    QVERIFY(found);
    QCOMPARE(found->id, QStringLiteral("staff_1"));
    // Another account may not take the same name in another case.
    QVERIFY(!valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_2"), QStringLiteral("ops.LEAD"), StaffRole::Viewer))));
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM staff_accounts")),
             (QList<QStringList>{{QStringLiteral("1")}}));
}

void TestPostgresStaff::createIsIdempotentForTheSameId()
{
    // A retry after a lost commit repeats the same insert: it must report success, once.
    const StaffAccountRecord a =
        account(QStringLiteral("staff_1"), QStringLiteral("ops"), StaffRole::Viewer);
    AuditEntry audit;
    audit.actorId = QStringLiteral("cli");
    audit.action = QStringLiteral("staff_add");
    audit.target = QStringLiteral("ops");
    QVERIFY(valueOf(m_store->createStaffAccount(a, audit)));
    QVERIFY(valueOf(m_store->createStaffAccount(a)));
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM staff_accounts")),
             (QList<QStringList>{{QStringLiteral("1")}}));
}

void TestPostgresStaff::passwordAndDisabledChanges()
{
    QVERIFY(valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_1"), QStringLiteral("ops"), StaffRole::Viewer))));
    QVERIFY(valueOf(m_store->setStaffPasswordHash(QStringLiteral("staff_1"), fakeHash("two"))));
    QVERIFY(valueOf(m_store->setStaffDisabled(QStringLiteral("staff_1"), true)));
    auto found = valueOf(m_store->findStaffAccount(QStringLiteral("ops")));
    QCOMPARE(found->passwordHash, fakeHash("two"));
    QVERIFY(found->disabled);
    QVERIFY(valueOf(m_store->setStaffDisabled(QStringLiteral("staff_1"), false)));
    QVERIFY(!valueOf(m_store->findStaffAccount(QStringLiteral("ops")))->disabled);

    QVERIFY(!valueOf(m_store->setStaffPasswordHash(QStringLiteral("staff_x"), fakeHash("x"))));
    QVERIFY(!valueOf(m_store->setStaffDisabled(QStringLiteral("staff_x"), true)));
}

void TestPostgresStaff::accountChangesAreAuditedInTheSameTransaction()
{
    AuditEntry audit;
    audit.actorId = QStringLiteral("cli");
    audit.actorName = QStringLiteral("cli (root)");
    audit.action = QStringLiteral("staff_add");
    audit.target = QStringLiteral("ops");
    audit.after = QJsonObject{{QStringLiteral("role"), QStringLiteral("viewer")}};
    QVERIFY(valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_1"), QStringLiteral("ops"), StaffRole::Viewer), audit)));
    // Refused changes leave no audit entry behind.
    QVERIFY(!valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_2"), QStringLiteral("ops"), StaffRole::Viewer), audit)));
    audit.action = QStringLiteral("staff_disable");
    QVERIFY(!valueOf(m_store->setStaffDisabled(QStringLiteral("staff_x"), true, audit)));
    QVERIFY(valueOf(m_store->setStaffDisabled(QStringLiteral("staff_1"), true, audit)));
    audit.action = QStringLiteral("staff_passwd");
    audit.after = QJsonValue(QJsonValue::Undefined);
    QVERIFY(
        valueOf(m_store->setStaffPasswordHash(QStringLiteral("staff_1"), fakeHash("b"), audit)));

    const QList<AuditEntry> entries = valueOf(m_store->auditEntries({})).entries;
    QStringList actions;
    for (const AuditEntry &e : entries)
        actions << e.action;
    QCOMPARE(actions, (QStringList{QStringLiteral("staff_passwd"), QStringLiteral("staff_disable"),
                                   QStringLiteral("staff_add")}));
    QCOMPARE(entries[2].after.toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("viewer"));
    QVERIFY(entries[0].after.isUndefined());
}

void TestPostgresStaff::lastLoginOnlyMovesForward()
{
    QVERIFY(valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_1"), QStringLiteral("ops"), StaffRole::Viewer))));
    finish(m_store->recordStaffLogin(QStringLiteral("staff_1"), 1712345678901));
    QCOMPARE(valueOf(m_store->findStaffAccount(QStringLiteral("ops")))->lastLoginAtMs,
             std::optional<qint64>(1712345678901));
    finish(m_store->recordStaffLogin(QStringLiteral("staff_1"), 1712345000000)); // late retry
    QCOMPARE(valueOf(m_store->findStaffAccount(QStringLiteral("ops")))->lastLoginAtMs,
             std::optional<qint64>(1712345678901));
    finish(m_store->recordStaffLogin(QStringLiteral("staff_1"), 1712345679999));
    QCOMPARE(valueOf(m_store->findStaffAccount(QStringLiteral("ops")))->lastLoginAtMs,
             std::optional<qint64>(1712345679999));
}

void TestPostgresStaff::auditRoundTrip()
{
    AuditEntry full;
    full.actorId = QStringLiteral("staff_1");
    full.actorName = QStringLiteral("Ayu \u00e9\u2603");
    full.action = QStringLiteral("capacity_set");
    full.target = QStringLiteral("m-1");
    full.before = QJsonObject{{QStringLiteral("max_customers"), 3}};
    full.after = QJsonObject{{QStringLiteral("max_customers"), QJsonValue::Null}};
    full.address = QStringLiteral("192.0.2.7");
    full.atMs = 1712345678901;
    finish(m_store->recordAudit(full));

    AuditEntry anonymous; // a failed login: no actor, scalar JSON, no before
    anonymous.action = QStringLiteral("login_failed");
    anonymous.target = QStringLiteral("who");
    anonymous.after = QJsonValue(QStringLiteral("plain string"));
    anonymous.atMs = 1712345678000;
    finish(m_store->recordAudit(anonymous));

    AuditEntry jsonNull; // JSON null is kept apart from "no value"
    jsonNull.action = QStringLiteral("test_null");
    jsonNull.before = QJsonValue(QJsonValue::Null);
    jsonNull.atMs = 1712345677000;
    finish(m_store->recordAudit(jsonNull));

    // Newest first by log order, whatever the entries' own times say.
    const QList<AuditEntry> entries = valueOf(m_store->auditEntries({})).entries;
    QCOMPARE(entries.size(), 3);
    AuditEntry read = entries[2];
    QVERIFY(read.id > 0);
    QVERIFY(entries[0].id > entries[1].id && entries[1].id > entries[2].id);
    read.id = 0;
    QCOMPARE(read, full);
    QCOMPARE(read.after.toObject().value(QStringLiteral("max_customers")), QJsonValue());

    read = entries[1];
    read.id = 0;
    QCOMPARE(read, anonymous);
    QVERIFY(read.actorId.isEmpty());
    QVERIFY(read.before.isUndefined());
    QCOMPARE(sql(QStringLiteral("SELECT actor IS NULL, actor_name IS NULL, before IS NULL, "
                                "address IS NULL FROM audit_log WHERE action = 'login_failed'")),
             (QList<QStringList>{{QStringLiteral("t"), QStringLiteral("t"), QStringLiteral("t"),
                                  QStringLiteral("t")}}));

    QVERIFY(entries[0].before.isNull());
    QVERIFY(entries[0].after.isUndefined());
    QCOMPARE(
        sql(QStringLiteral("SELECT before IS NULL, jsonb_typeof(before), after IS NULL "
                           "FROM audit_log WHERE action = 'test_null'")),
        (QList<QStringList>{{QStringLiteral("f"), QStringLiteral("null"), QStringLiteral("t")}}));

    // An entry without a time gets the time of the call.
    AuditEntry now;
    now.action = QStringLiteral("login");
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    finish(m_store->recordAudit(now));
    const QList<AuditEntry> latest =
        valueOf(m_store->auditEntries({1, std::nullopt, {}})).entries;
    QCOMPARE(latest.size(), 1);
    QCOMPARE(latest[0].action, QStringLiteral("login"));
    QVERIFY(latest[0].atMs >= before && latest[0].atMs <= QDateTime::currentMSecsSinceEpoch());
}

void TestPostgresStaff::auditPagesNewestFirst()
{
    const qint64 t0 = 1712345600000;
    // Written one after the other so the log's order is known; the times run backwards on
    // purpose: pages follow the log's order (id), not the entries' times.
    for (int i = 0; i < 10; ++i) {
        AuditEntry e;
        e.action = i % 2 == 0 ? QStringLiteral("login") : QStringLiteral("login_failed");
        e.target = QStringLiteral("u%1").arg(i);
        e.atMs = t0 - i * 1000;
        finish(m_store->recordAudit(e));
    }
    // Two entries at the same instant: the later written comes first.
    AuditEntry tieA;
    tieA.action = QStringLiteral("tie");
    tieA.target = QStringLiteral("first");
    tieA.atMs = t0;
    AuditEntry tieB = tieA;
    tieB.target = QStringLiteral("second");
    finish(m_store->recordAudit(tieA));
    finish(m_store->recordAudit(tieB));

    const auto targets = [](const AuditPage &page) {
        QStringList out;
        for (const AuditEntry &e : page.entries)
            out << e.target;
        return out;
    };
    const AuditPage first = valueOf(m_store->auditEntries({4, std::nullopt, {}}));
    QCOMPARE(targets(first), (QStringList{QStringLiteral("second"), QStringLiteral("first"),
                                          QStringLiteral("u9"), QStringLiteral("u8")}));
    QVERIFY(first.more);
    // The next page: ids below the last one seen; no entry skipped or repeated.
    const AuditPage second =
        valueOf(m_store->auditEntries({4, first.entries.last().id, {}}));
    QCOMPARE(targets(second), (QStringList{QStringLiteral("u7"), QStringLiteral("u6"),
                                           QStringLiteral("u5"), QStringLiteral("u4")}));
    QVERIFY(second.more);
    const AuditPage last = valueOf(m_store->auditEntries({4, second.entries.last().id, {}}));
    QCOMPARE(targets(last), (QStringList{QStringLiteral("u3"), QStringLiteral("u2"),
                                         QStringLiteral("u1"), QStringLiteral("u0")}));
    QVERIFY(!last.more); // exactly the rest: nothing older
    QVERIFY(valueOf(m_store->auditEntries({4, last.entries.last().id, {}})).entries.isEmpty());

    // One action only, paged the same way.
    const AuditPage logins = valueOf(m_store->auditEntries({2, std::nullopt, QStringLiteral("login")}));
    QCOMPARE(targets(logins), (QStringList{QStringLiteral("u8"), QStringLiteral("u6")}));
    QVERIFY(logins.more);
    const AuditPage olderLogins =
        valueOf(m_store->auditEntries({100, logins.entries.last().id, QStringLiteral("login")}));
    QCOMPARE(targets(olderLogins), (QStringList{QStringLiteral("u4"), QStringLiteral("u2"),
                                                QStringLiteral("u0")}));
    QVERIFY(!olderLogins.more);
    QCOMPARE(targets(valueOf(m_store->auditEntries({100, std::nullopt, QStringLiteral("nothing")}))),
             QStringList());
    // Limits are clamped, never refused.
    QCOMPARE(valueOf(m_store->auditEntries({0, std::nullopt, {}})).entries.size(), 1);
    const AuditPage all = valueOf(m_store->auditEntries({100000, std::nullopt, {}}));
    QCOMPARE(all.entries.size(), 12);
    QVERIFY(!all.more);
}

void TestPostgresStaff::accountStates()
{
    QVERIFY(valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_1"), QStringLiteral("ops"), StaffRole::Viewer))));
    QVERIFY(valueOf(m_store->createStaffAccount(
        account(QStringLiteral("staff_2"), QStringLiteral("budi"), StaffRole::Supervisor))));
    QVERIFY(valueOf(m_store->setStaffDisabled(QStringLiteral("staff_2"), true)));
    const QHash<QString, bool> states = valueOf(m_store->staffAccountStates(
        {QStringLiteral("staff_1"), QStringLiteral("staff_2"), QStringLiteral("staff_gone"),
         QStringLiteral("it's \"quoted\"")}));
    QCOMPARE(states.size(), 2);
    QCOMPARE(states.value(QStringLiteral("staff_1"), true), false);
    QCOMPARE(states.value(QStringLiteral("staff_2"), false), true);
    QVERIFY(valueOf(m_store->staffAccountStates({})).isEmpty());
}

QTEST_GUILESS_MAIN(TestPostgresStaff)
#include "tst_postgres_staff.moc"
