// Staff accounts end to end: `halobestie-backend staff ...` manages accounts in PostgreSQL, the
// control center signs in with `login` over the WebSocket, gets a token it can use for `hello`,
// and the refusals (wrong password, unknown user, disabled account, rate limits) look alike and
// are audited.
#include "E2eStack.h"
#include "auth/Jwt.h"
#include "backend/WsTestClient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace hb::test;

namespace {

QString field(const QJsonObject &o, const char *name)
{
    return o.value(QLatin1String(name)).toString();
}

const QString kFailure = QStringLiteral("invalid username or password");

// What one `login` got: the direct reply (welcome or error) and, if the socket was closed, how.
struct LoginOutcome
{
    QJsonObject reply;
    int closeCode = -1;
    std::unique_ptr<WsTestClient> client; // still open after a welcome
};

} // namespace

class TestStaffE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    std::unique_ptr<BackendProcess> m_a;

    // The backends verify a password in ~100 ms; the default 1 s hello deadline of the e2e
    // environment would be tight on a loaded machine.
    static QProcessEnvironment backendExtra()
    {
        QProcessEnvironment extra;
        extra.insert(QStringLiteral("HALOBESTIE_HELLO_TIMEOUT_S"), QStringLiteral("10"));
        return extra;
    }

    // Runs `halobestie-backend staff ...` as an operator would, `input` on its stdin (not a
    // terminal, so the password is its first line). Returns the exit code; stdout+stderr in
    // *output.
    int staff(const QStringList &arguments, const QByteArray &input = {}, QString *output = nullptr)
    {
        QProcess p;
        p.setProcessEnvironment(m_stack.backendEnvironment());
        p.start(BackendProcess::executable(), QStringList{QStringLiteral("staff")} + arguments);
        if (!p.waitForStarted(10000))
            return -1;
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        if (output)
            *output = out;
        else if (p.exitCode() != 0)
            qWarning("staff %s: %s", qPrintable(arguments.join(QLatin1Char(' '))), qPrintable(out));
        return p.exitCode();
    }

    bool addAccount(const QString &username, const QString &name, const QString &role,
                    const QByteArray &password)
    {
        return staff({QStringLiteral("add"), username, QStringLiteral("--name"), name,
                      QStringLiteral("--role"), role},
                     password + "\n") == 0;
    }

    static LoginOutcome login(const QString &url, const QString &username, const QString &password)
    {
        LoginOutcome outcome;
        auto client = std::make_unique<WsTestClient>();
        if (!client->open(url))
            return outcome;
        outcome.reply = client->request(msg("login", {{QStringLiteral("username"), username},
                                                      {QStringLiteral("password"), password}}),
                                        15000);
        if (field(outcome.reply, "type") == QLatin1String("welcome")) {
            outcome.client = std::move(client);
        } else if (client->waitClosed(10000)) {
            outcome.closeCode = client->closeCode();
        }
        return outcome;
    }

    // The audit rows for `target` with this action, as (actor or '-', address or '-', after).
    QList<QStringList> audit(const QString &action, const QString &target)
    {
        return m_stack.sql(QStringLiteral("select coalesce(actor, '-'), coalesce(address, '-'), "
                                          "coalesce(after::text, '-') from audit_log "
                                          "where action = '%1' and target = '%2' order by id")
                               .arg(action, target));
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
        m_a = m_stack.startBackend(QStringLiteral("staff-a"), &error, backendExtra());
        QVERIFY2(m_a, qPrintable(error));
    }

    void cleanupTestCase()
    {
        if (m_a)
            QCOMPARE(m_a->stop(), 0);
    }

    void supervisorSignsInWithAPassword()
    {
        QVERIFY(addAccount(QStringLiteral("Ops.Sup"), QStringLiteral("Ops Supervisor"),
                           QStringLiteral("supervisor"), "supervisor-pass-1"));
        QCOMPARE(audit(QStringLiteral("staff_add"), QStringLiteral("ops.sup")).size(), 1);
        QCOMPARE(audit(QStringLiteral("staff_add"), QStringLiteral("ops.sup"))[0][0],
                 QStringLiteral("cli"));

        // Usernames are case-insensitive.
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        LoginOutcome in =
            login(m_a->url(), QStringLiteral("OPS.SUP"), QStringLiteral("supervisor-pass-1"));
        const QJsonObject &welcome = in.reply;
        QCOMPARE(field(welcome, "type"), QStringLiteral("welcome"));
        QCOMPARE(field(welcome, "role"), QStringLiteral("staff"));
        QCOMPARE(field(welcome, "staff_role"), QStringLiteral("supervisor"));
        QCOMPARE(field(welcome, "name"), QStringLiteral("Ops Supervisor"));
        QCOMPARE(field(welcome, "server_instance"), QStringLiteral("staff-a"));
        const QString userId = field(welcome, "user_id");
        QVERIFY2(userId.startsWith(QLatin1String("staff_")), qPrintable(userId));
        QCOMPARE(m_stack.sql(QStringLiteral("select id from staff_accounts where username = "
                                            "'ops.sup'")),
                 (QList<QStringList>{{userId}}));

        // The token: a staff JWT for this account, 12 hours long.
        const QString token = field(welcome, "token");
        const auto verdict =
            hb::verifyJwt(token.toUtf8(), E2eStack::jwtRules(), QDateTime::currentSecsSinceEpoch());
        QVERIFY(std::holds_alternative<hb::JwtClaims>(verdict));
        const auto claims = std::get<hb::JwtClaims>(verdict);
        QCOMPARE(claims.sub, userId);
        QVERIFY(claims.role == hb::Role::Staff);
        QVERIFY(claims.staffRole == hb::StaffRole::Supervisor);
        QCOMPARE(claims.name, QStringLiteral("Ops Supervisor"));
        QVERIFY(claims.exp >= before + 12 * 3600 && claims.exp <= before + 12 * 3600 + 60);

        // Signed in: staff messages work, changes are allowed.
        const QJsonObject ack = in.client->request(msg("heartbeat"));
        QCOMPARE(field(ack, "type"), QStringLiteral("heartbeat.ack"));
        const QJsonObject change = in.client->request(
            msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("mitra")},
                                 {QStringLiteral("mitra_id"), QStringLiteral("m-nobody")},
                                 {QStringLiteral("max_customers"), 2}}));
        QVERIFY2(field(change, "code") != QLatin1String("forbidden"),
                 qPrintable(in.client->recent()));

        QTRY_COMPARE_WITH_TIMEOUT(
            m_stack.sql(QStringLiteral("select last_login_at is not null from staff_accounts "
                                       "where id = '%1'")
                            .arg(userId)),
            (QList<QStringList>{{QStringLiteral("t")}}), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(audit(QStringLiteral("login"), QStringLiteral("ops.sup")).size(),
                                  1, 10000);
        const QStringList row = audit(QStringLiteral("login"), QStringLiteral("ops.sup"))[0];
        QCOMPARE(row[0], userId);
        QCOMPARE(row[1], QStringLiteral("127.0.0.1"));

        // The token signs in later connections with hello, as the same account.
        WsTestClient again;
        const QJsonObject helloWelcome = again.connectAndHello(m_a->url(), token);
        QCOMPARE(field(helloWelcome, "role"), QStringLiteral("staff"));
        QCOMPARE(field(helloWelcome, "user_id"), userId);
        QCOMPARE(field(helloWelcome, "staff_role"), QStringLiteral("supervisor"));
        QVERIFY(!helloWelcome.contains(QStringLiteral("token")));
    }

    void viewerAccountIsAViewer()
    {
        QVERIFY(addAccount(QStringLiteral("watcher"), QStringLiteral("Watcher"),
                           QStringLiteral("viewer"), "viewer-password"));
        LoginOutcome in =
            login(m_a->url(), QStringLiteral("watcher"), QStringLiteral("viewer-password"));
        QCOMPARE(field(in.reply, "staff_role"), QStringLiteral("viewer"));
        QVERIFY(in.client);
        const QJsonObject change = in.client->request(
            msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("global")},
                                 {QStringLiteral("max_customers"), 2}}));
        QCOMPARE(field(change, "code"), QStringLiteral("forbidden"));
        const auto claims = std::get<hb::JwtClaims>(
            hb::verifyJwt(field(in.reply, "token").toUtf8(), E2eStack::jwtRules(),
                          QDateTime::currentSecsSinceEpoch()));
        QVERIFY(claims.staffRole == hb::StaffRole::Viewer);
    }

    void failuresLookAlikeAndAreAudited()
    {
        QVERIFY(addAccount(QStringLiteral("ayu"), QStringLiteral("Ayu"), QStringLiteral("viewer"),
                           "ayu-password-1"));
        const LoginOutcome wrong =
            login(m_a->url(), QStringLiteral("ayu"), QStringLiteral("not-her-password"));
        const LoginOutcome unknown =
            login(m_a->url(), QStringLiteral("nobody-here"), QStringLiteral("ayu-password-1"));
        for (const LoginOutcome *o : {&wrong, &unknown}) {
            QCOMPARE(field(o->reply, "type"), QStringLiteral("error"));
            QCOMPARE(field(o->reply, "code"), QStringLiteral("unauthorized"));
            QCOMPARE(field(o->reply, "message"), kFailure);
            QCOMPARE(o->closeCode, 4001);
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            audit(QStringLiteral("login_failed"), QStringLiteral("ayu")).size(), 1, 10000);
        QStringList row = audit(QStringLiteral("login_failed"), QStringLiteral("ayu"))[0];
        QCOMPARE(row[0], QStringLiteral("-")); // anonymous
        QCOMPARE(row[1], QStringLiteral("127.0.0.1"));
        QVERIFY2(row[2].contains(QLatin1String("wrong_password")), qPrintable(row[2]));
        QTRY_COMPARE_WITH_TIMEOUT(
            audit(QStringLiteral("login_failed"), QStringLiteral("nobody-here")).size(), 1, 10000);
        row = audit(QStringLiteral("login_failed"), QStringLiteral("nobody-here"))[0];
        QVERIFY2(row[2].contains(QLatin1String("unknown_username")), qPrintable(row[2]));
        // No password, right or wrong, is ever stored.
        QCOMPARE(m_stack.sql(QStringLiteral("select count(*) from audit_log where "
                                            "coalesce(after::text, '') || coalesce(before::text, "
                                            "'') like '%password-1%' or "
                                            "coalesce(after::text, '') like '%not-her%'")),
                 (QList<QStringList>{{QStringLiteral("0")}}));
    }

    void disabledAccountIsRefused()
    {
        QVERIFY(addAccount(QStringLiteral("budi"), QStringLiteral("Budi"),
                           QStringLiteral("supervisor"), "budi-password-1"));
        QCOMPARE(staff({QStringLiteral("disable"), QStringLiteral("BUDI")}), 0);
        const LoginOutcome refused =
            login(m_a->url(), QStringLiteral("budi"), QStringLiteral("budi-password-1"));
        QCOMPARE(field(refused.reply, "code"), QStringLiteral("unauthorized"));
        QCOMPARE(field(refused.reply, "message"), kFailure);
        QCOMPARE(refused.closeCode, 4001);
        QTRY_COMPARE_WITH_TIMEOUT(
            audit(QStringLiteral("login_failed"), QStringLiteral("budi")).size(), 1, 10000);
        QVERIFY(audit(QStringLiteral("login_failed"), QStringLiteral("budi"))[0][2].contains(
            QLatin1String("disabled")));
        const QList<QStringList> disabling = m_stack.sql(
            QStringLiteral("select actor, before::text, after::text from audit_log where action = "
                           "'staff_disable' and target = 'budi'"));
        QCOMPARE(disabling.size(), 1);
        QCOMPARE(disabling[0][0], QStringLiteral("cli"));
        QCOMPARE(disabling[0][1], QStringLiteral("{\"disabled\": false}"));
        QCOMPARE(disabling[0][2], QStringLiteral("{\"disabled\": true}"));

        QCOMPARE(staff({QStringLiteral("enable"), QStringLiteral("budi")}), 0);
        const LoginOutcome in =
            login(m_a->url(), QStringLiteral("budi"), QStringLiteral("budi-password-1"));
        QCOMPARE(field(in.reply, "type"), QStringLiteral("welcome"));
    }

    void accountLocksAfterFiveFailures()
    {
        QVERIFY(addAccount(QStringLiteral("target"), QStringLiteral("Target"),
                           QStringLiteral("viewer"), "target-password"));
        for (int i = 0; i < 5; ++i) {
            const LoginOutcome o =
                login(m_a->url(), QStringLiteral("target"), QStringLiteral("guess-%1").arg(i));
            QCOMPARE(field(o.reply, "code"), QStringLiteral("unauthorized"));
        }
        // Locked: even the right password is refused, without being checked.
        const LoginOutcome locked =
            login(m_a->url(), QStringLiteral("target"), QStringLiteral("target-password"));
        QCOMPARE(field(locked.reply, "type"), QStringLiteral("error"));
        QCOMPARE(field(locked.reply, "code"), QStringLiteral("rate_limited"));
        QCOMPARE(locked.closeCode, 4001);
        // In any case of the username.
        QCOMPARE(
            field(login(m_a->url(), QStringLiteral("TARGET"), QStringLiteral("x")).reply, "code"),
            QStringLiteral("rate_limited"));
        // The failure that closed the door says so; the refused attempts are not logged one by
        // one.
        QTRY_COMPARE_WITH_TIMEOUT(
            audit(QStringLiteral("login_failed"), QStringLiteral("target")).size(), 5, 10000);
        QVERIFY(audit(QStringLiteral("login_failed"), QStringLiteral("target"))[4][2].contains(
            QLatin1String("\"locked\": \"account\"")));
        QVERIFY(!audit(QStringLiteral("login_failed"), QStringLiteral("target"))[3][2].contains(
            QLatin1String("locked")));
        // Other accounts from the same address are unaffected.
        QCOMPARE(
            field(login(m_a->url(), QStringLiteral("ayu"), QStringLiteral("ayu-password-1")).reply,
                  "type"),
            QStringLiteral("welcome"));
    }

    void addressLocksAfterTwentyFailuresPerInstance()
    {
        // A fresh instance: the limits are kept per instance, in memory.
        QString error;
        auto b = m_stack.startBackend(QStringLiteral("staff-b"), &error, backendExtra());
        QVERIFY2(b, qPrintable(error));
        for (int i = 0; i < 20; ++i) {
            const LoginOutcome o = login(b->url(), QStringLiteral("spray-%1").arg(i),
                                         QStringLiteral("password-%1").arg(i));
            QCOMPARE(field(o.reply, "code"), QStringLiteral("unauthorized"));
        }
        const LoginOutcome locked =
            login(b->url(), QStringLiteral("ayu"), QStringLiteral("ayu-password-1"));
        QCOMPARE(field(locked.reply, "code"), QStringLiteral("rate_limited"));
        QCOMPARE(locked.closeCode, 4001);
        // The other instance keeps its own count.
        QCOMPARE(
            field(login(m_a->url(), QStringLiteral("ayu"), QStringLiteral("ayu-password-1")).reply,
                  "type"),
            QStringLiteral("welcome"));
        QCOMPARE(b->stop(), 0);
    }

    void cliManagesPasswordsSafely()
    {
        QString out;
        // Never from a flag.
        QCOMPARE(staff({QStringLiteral("add"), QStringLiteral("cici"), QStringLiteral("--name"),
                        QStringLiteral("Cici"), QStringLiteral("--role"), QStringLiteral("viewer"),
                        QStringLiteral("--password"), QStringLiteral("cici-password-1")},
                       {}, &out),
                 2);
        QVERIFY2(out.contains(QLatin1String("never taken from flags")), qPrintable(out));
        // Too short.
        QCOMPARE(staff({QStringLiteral("add"), QStringLiteral("cici"), QStringLiteral("--name"),
                        QStringLiteral("Cici"), QStringLiteral("--role"), QStringLiteral("viewer")},
                       "short\n", &out),
                 1);
        QVERIFY2(out.contains(QLatin1String("at least 10")), qPrintable(out));
        // No password at all.
        QCOMPARE(staff({QStringLiteral("add"), QStringLiteral("cici"), QStringLiteral("--name"),
                        QStringLiteral("Cici"), QStringLiteral("--role"), QStringLiteral("viewer")},
                       {}, &out),
                 1);
        // Bad role, bad username.
        QCOMPARE(staff({QStringLiteral("add"), QStringLiteral("cici"), QStringLiteral("--name"),
                        QStringLiteral("Cici"), QStringLiteral("--role"), QStringLiteral("admin")},
                       "cici-password-1\n", &out),
                 2);
        QCOMPARE(staff({QStringLiteral("add"), QStringLiteral("ci ci"), QStringLiteral("--name"),
                        QStringLiteral("Cici"), QStringLiteral("--role"), QStringLiteral("viewer")},
                       "cici-password-1\n", &out),
                 2);
        QCOMPARE(m_stack.sql(QStringLiteral("select count(*) from staff_accounts where username "
                                            "like 'ci%'")),
                 (QList<QStringList>{{QStringLiteral("0")}}));

        QVERIFY(addAccount(QStringLiteral("cici"), QStringLiteral("Cici Paramida"),
                           QStringLiteral("viewer"), "cici-password-1"));
        // Taken, in any case.
        QCOMPARE(
            staff({QStringLiteral("add"), QStringLiteral("CICI"), QStringLiteral("--name"),
                   QStringLiteral("Other"), QStringLiteral("--role"), QStringLiteral("viewer")},
                  "other-password\n", &out),
            1);
        QVERIFY2(out.contains(QLatin1String("exists already")), qPrintable(out));

        // A new password replaces the old one (a \r\n line ending is not part of it).
        QCOMPARE(staff({QStringLiteral("passwd"), QStringLiteral("cici")}, "cici-password-2\r\n"),
                 0);
        QCOMPARE(
            field(
                login(m_a->url(), QStringLiteral("cici"), QStringLiteral("cici-password-1")).reply,
                "code"),
            QStringLiteral("unauthorized"));
        QCOMPARE(
            field(
                login(m_a->url(), QStringLiteral("cici"), QStringLiteral("cici-password-2")).reply,
                "type"),
            QStringLiteral("welcome"));
        QCOMPARE(audit(QStringLiteral("staff_passwd"), QStringLiteral("cici")).size(), 1);
        QCOMPARE(audit(QStringLiteral("staff_passwd"), QStringLiteral("cici"))[0][2],
                 QStringLiteral("-"));

        QCOMPARE(
            staff({QStringLiteral("passwd"), QStringLiteral("nobody")}, "some-password-9\n", &out),
            1);
        QCOMPARE(staff({QStringLiteral("disable"), QStringLiteral("nobody")}, {}, &out), 1);

        QCOMPARE(staff({QStringLiteral("list")}, {}, &out), 0);
        QVERIFY2(out.contains(QLatin1String("cici")) && out.contains(QLatin1String("ops.sup")) &&
                     out.contains(QLatin1String("supervisor")) &&
                     out.contains(QLatin1String("Cici Paramida")),
                 qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("argon2")), qPrintable(out));
        // Hashes in the table are argon2id strings, never the password.
        QCOMPARE(m_stack.sql(QStringLiteral("select password_hash like '$argon2id$v=19$%', "
                                            "password_hash like '%cici%' from staff_accounts "
                                            "where username = 'cici'")),
                 (QList<QStringList>{{QStringLiteral("t"), QStringLiteral("f")}}));
    }

    void appTokensAreNotAffected()
    {
        WsTestClient mitra;
        QCOMPARE(
            field(mitra.connectAndHello(m_a->url(), m_stack.mitraToken(QStringLiteral("m-st"),
                                                                       QStringLiteral("Sari"))),
                  "role"),
            QStringLiteral("mitra"));
        // login after welcome is a bad request, not a second sign-in; staff messages stay
        // forbidden.
        QJsonObject reply = mitra.request(
            msg("login", {{QStringLiteral("username"), QStringLiteral("ops.sup")},
                          {QStringLiteral("password"), QStringLiteral("supervisor-pass-1")}}));
        QCOMPARE(field(reply, "code"), QStringLiteral("bad_request"));
        reply = mitra.request(msg("sessions.list"));
        QCOMPARE(field(reply, "code"), QStringLiteral("forbidden"));
        QVERIFY(mitra.isOpen());

        WsTestClient customer;
        QCOMPARE(field(customer.connectAndHello(
                           m_a->url(),
                           m_stack.customerToken(QStringLiteral("c-st"), QStringLiteral("Rina"))),
                       "role"),
                 QStringLiteral("customer"));
        reply = customer.request(
            msg("capacity.set", {{QStringLiteral("scope"), QStringLiteral("global")},
                                 {QStringLiteral("max_customers"), 1}}));
        QCOMPARE(field(reply, "code"), QStringLiteral("forbidden"));

        // The `token` command mints staff tokens for accounts only, with the account's role.
        QString output;
        QCOMPARE(E2eStack::runCommand({QStringLiteral("token"), QStringLiteral("--role"),
                                       QStringLiteral("staff"), QStringLiteral("--sub"),
                                       QStringLiteral("ops-token")},
                                      m_stack.backendEnvironment(), {}, &output),
                 2);
        QVERIFY2(output.contains(QStringLiteral("--username")), qPrintable(output));
        QCOMPARE(E2eStack::runCommand({QStringLiteral("token"), QStringLiteral("--role"),
                                       QStringLiteral("staff"), QStringLiteral("--username"),
                                       QStringLiteral("nobody-here")},
                                      m_stack.backendEnvironment(), {}, &output),
                 1);
        QVERIFY2(output.contains(QStringLiteral("no staff account")), qPrintable(output));
        QVERIFY(addAccount(QStringLiteral("ops.token"), QStringLiteral("Ops Token"),
                           QStringLiteral("supervisor"), "ops-token-password"));
        QProcess mint;
        mint.setProcessEnvironment(m_stack.backendEnvironment());
        mint.start(BackendProcess::executable(),
                   {QStringLiteral("token"), QStringLiteral("--role"), QStringLiteral("staff"),
                    QStringLiteral("--username"), QStringLiteral("Ops.Token")});
        QVERIFY(mint.waitForFinished(60000));
        QCOMPARE(mint.exitCode(), 0);
        const QString minted = QString::fromUtf8(mint.readAllStandardOutput()).trimmed();
        WsTestClient staffByToken;
        const QJsonObject welcome = staffByToken.connectAndHello(m_a->url(), minted);
        QCOMPARE(field(welcome, "role"), QStringLiteral("staff"));
        QCOMPARE(field(welcome, "staff_role"), QStringLiteral("supervisor"));
        QCOMPARE(field(welcome, "name"), QStringLiteral("Ops Token"));
        QVERIFY(field(welcome, "user_id").startsWith(QLatin1String("staff_")));
    }
};

QTEST_GUILESS_MAIN(TestStaffE2e)
#include "tst_staff_e2e.moc"
