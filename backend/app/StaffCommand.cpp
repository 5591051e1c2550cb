#include "StaffCommand.h"

#include "SubcommandOutput.h"

#include "AwaitFuture.h"
#include "Config.h"
#include "cluster/Keys.h"
#include "control/PasswordHasher.h"
#include "protocol/Time.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace hb {

namespace {

const char *kStaffUsage =
    "Usage: halobestie-backend staff add USERNAME --name \"Display Name\" --role "
    "viewer|supervisor\n"
    "       halobestie-backend staff passwd USERNAME\n"
    "       halobestie-backend staff disable USERNAME\n"
    "       halobestie-backend staff enable USERNAME\n"
    "       halobestie-backend staff list\n"
    "The password is asked on the terminal (not echoed) or, when standard input is not a\n"
    "terminal, read from its first line; it is never taken from a flag. At least 10 characters.\n"
    "Usernames: letters, digits and . _ @ - (case-insensitive). A disabled account cannot sign\n"
    "in, its tokens are refused, and its open connections are closed (at once through Valkey,\n"
    "else within HALOBESTIE_STAFF_RECHECK_S).\n"
    "Stores: HALOBESTIE_DATABASE_URL, HALOBESTIE_VALKEY_URL (or --database-url, --valkey-url).\n";

constexpr int kMinPasswordLength = 10;
constexpr int kMaxPasswordLength = 1024; // what `login` accepts
constexpr int kMaxDisplayNameLength = 200;


// Echo is turned off while a password is typed; a signal meanwhile must not leave the terminal
// silent, so the handler puts it back before the default action ends the process.
termios g_savedTerminal;

void restoreTerminalAndDie(int signal)
{
    tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

bool readLine(std::string *line)
{
    if (!std::getline(std::cin, *line))
        return false;
    if (!line->empty() && line->back() == '\r')
        line->pop_back();
    return true;
}

std::optional<QString> promptHidden(const char *prompt)
{
    if (tcgetattr(STDIN_FILENO, &g_savedTerminal) != 0)
        return std::nullopt;
    termios silent = g_savedTerminal;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    silent.c_lflag |= ECHONL; // the Enter still moves to the next line
    const auto previousInt = std::signal(SIGINT, restoreTerminalAndDie);
    const auto previousTerm = std::signal(SIGTERM, restoreTerminalAndDie);
    const auto previousHup = std::signal(SIGHUP, restoreTerminalAndDie);
    // Echo goes off before the prompt shows, so nothing typed after seeing it is echoed.
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    std::fputs(prompt, stderr);
    std::fflush(stderr);
    std::string line;
    const bool ok = readLine(&line);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    std::signal(SIGHUP, previousHup);
    if (!ok)
        return std::nullopt;
    return QString::fromStdString(line);
}

// The new password for `username`, checked; nullopt (with *error) if there is none acceptable.
std::optional<QString> readNewPassword(const QString &username, QString *error)
{
    QString password;
    if (isatty(STDIN_FILENO)) {
        const QByteArray prompt = QStringLiteral("Password for %1: ").arg(username).toUtf8();
        const auto first = promptHidden(prompt.constData());
        if (!first) {
            *error = QStringLiteral("no password entered");
            return std::nullopt;
        }
        const auto again = promptHidden("Repeat the password: ");
        if (!again || *again != *first) {
            *error = QStringLiteral("the passwords differ");
            return std::nullopt;
        }
        password = *first;
    } else {
        std::string line;
        if (!readLine(&line)) {
            *error = QStringLiteral("no password on standard input (one line expected)");
            return std::nullopt;
        }
        password = QString::fromStdString(line);
    }
    const qsizetype length = password.toUcs4().size();
    if (length < kMinPasswordLength) {
        *error =
            QStringLiteral("the password must have at least %1 characters").arg(kMinPasswordLength);
        return std::nullopt;
    }
    if (length > kMaxPasswordLength) {
        *error =
            QStringLiteral("the password must have at most %1 characters").arg(kMaxPasswordLength);
        return std::nullopt;
    }
    return password;
}

bool validUsername(const QString &username)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._@-]{0,63}$"));
    return pattern.match(username).hasMatch();
}

// Who ran the command, for the audit log's actor_name.
// Tells every running instance that `accountId` was disabled, so its open connections close
// now. Best effort: instances also re-check their staff connections against the database
// periodically, so a notice that cannot be sent only delays the close. Returns the reason it
// could not be sent, empty if it was.
QString announceDisabled(const Config &config, const QString &accountId)
{
    QString error;
    const auto valkeyConfig = parseValkeyUrl(config.valkeyUrl, &error);
    if (!valkeyConfig)
        return error;
    ValkeyClient valkey(*valkeyConfig);
    QEventLoop loop;
    bool sent = false;
    QObject::connect(&valkey, &ValkeyClient::connected, &loop, [&] {
        valkey.publish(keys::staffRevokedChannel(), accountId.toUtf8(), &loop,
                       [&](const ValkeyResult &result) {
                           sent = !result.isError();
                           if (!sent)
                               error = result.errorText();
                           loop.quit();
                       });
    });
    QObject::connect(&valkey, &ValkeyClient::connectionFailed, &loop, [&](const QString &why) {
        error = why;
        loop.quit();
    });
    QTimer::singleShot(config.startupTimeoutS * 1000, &loop, [&] {
        error = QStringLiteral("Valkey did not answer within %1 s").arg(config.startupTimeoutS);
        loop.quit();
    });
    valkey.start();
    loop.exec();
    return sent ? QString() : error;
}

} // namespace

int runStaffCommand(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QStringList rest;
    QStringList storeFlags;
    QString displayName;
    QString roleText;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            std::fputs(kStaffUsage, stdout);
            return 0;
        }
        if (a.startsWith(QLatin1String("--password")))
            return subcommandMisused("staff", QStringLiteral("passwords are never taken from flags (they would "
                                             "show in ps and shell history): use the prompt or "
                                             "standard input"), kStaffUsage);
        if (a == QLatin1String("--name") || a == QLatin1String("--role")) {
            if (i + 1 >= arguments.size())
                return subcommandMisused("staff", QStringLiteral("%1 needs a value").arg(a), kStaffUsage);
            (a == QLatin1String("--name") ? displayName : roleText) = arguments.at(++i);
        } else if (a.startsWith(QLatin1String("--"))) {
            storeFlags << a;
            if (!a.contains(QLatin1Char('=')) && i + 1 < arguments.size())
                storeFlags << arguments.at(++i);
        } else {
            rest << a;
        }
    }
    if (rest.isEmpty())
        return subcommandMisused("staff", QStringLiteral("missing action"), kStaffUsage);
    const QString action = rest.first();
    const bool isAdd = action == QLatin1String("add");
    if (action == QLatin1String("list")) {
        if (rest.size() != 1)
            return subcommandMisused("staff", QStringLiteral("list takes no arguments"), kStaffUsage);
    } else if (isAdd || action == QLatin1String("passwd") || action == QLatin1String("disable") ||
               action == QLatin1String("enable")) {
        if (rest.size() != 2)
            return subcommandMisused("staff", QStringLiteral("%1 takes one USERNAME").arg(action), kStaffUsage);
    } else {
        return subcommandMisused("staff", QStringLiteral("unknown action '%1'").arg(action), kStaffUsage);
    }
    if (!isAdd && (!displayName.isEmpty() || !roleText.isEmpty()))
        return subcommandMisused("staff", QStringLiteral("--name and --role are for add"), kStaffUsage);

    const QString username = rest.size() > 1 ? rest.at(1).toLower() : QString();
    std::optional<StaffRole> role;
    if (isAdd) {
        if (!validUsername(username))
            return subcommandMisused("staff", QStringLiteral("a username is 1 to 64 letters, digits, '.', '_', "
                                             "'@' or '-', starting with a letter or digit"), kStaffUsage);
        displayName = displayName.trimmed();
        if (displayName.isEmpty() || displayName.size() > kMaxDisplayNameLength)
            return subcommandMisused("staff", QStringLiteral("--name is required (at most %1 characters)")
                                  .arg(kMaxDisplayNameLength), kStaffUsage);
        role = staffRoleFromString(roleText);
        if (!role)
            return subcommandMisused("staff", QStringLiteral("--role must be viewer or supervisor"), kStaffUsage);
    }

    const ConfigResult parsed = parseConfig(storeFlags, environment, ConfigUse::StoresOnly);
    if (!parsed.config)
        return subcommandMisused("staff", parsed.error, kStaffUsage);
    const Config &config = *parsed.config;
    QString error;
    PostgresStore store(
        PostgresConfig{config.databaseUrl, QStringLiteral("staff-cli"), config.startupTimeoutS});
    if (!awaitFuture(store.open(), &error))
        return subcommandFailed("staff", error);

    if (action == QLatin1String("list")) {
        const QFuture<QList<StaffAccountRecord>> accounts = store.listStaffAccounts();
        if (!awaitFuture(accounts, &error))
            return subcommandFailed("staff", error);
        std::printf("%-24s %-10s %-8s %-24s %s\n", "USERNAME", "ROLE", "STATUS", "LAST LOGIN",
                    "NAME");
        for (const StaffAccountRecord &a : accounts.result()) {
            std::printf("%-24s %-10s %-8s %-24s %s\n", qPrintable(a.username),
                        qPrintable(toString(a.role)), a.disabled ? "disabled" : "active",
                        a.lastLoginAtMs ? qPrintable(isoTime(*a.lastLoginAtMs)) : "never",
                        qPrintable(a.displayName));
        }
        return 0;
    }

    const QFuture<std::optional<StaffAccountRecord>> found = store.findStaffAccount(username);
    if (!awaitFuture(found, &error))
        return subcommandFailed("staff", error);
    const std::optional<StaffAccountRecord> existing = found.result();

    if (isAdd) {
        if (existing)
            return subcommandFailed("staff", QStringLiteral("a staff account named '%1' exists already").arg(username));
        const auto password = readNewPassword(username, &error);
        if (!password)
            return subcommandFailed("staff", error);
        StaffAccountRecord account;
        account.id = QStringLiteral("staff_") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        account.username = username;
        account.displayName = displayName;
        account.role = *role;
        account.passwordHash = PasswordHasher::hashNow(*password, PasswordHasher::interactive());
        if (account.passwordHash.isEmpty())
            return subcommandFailed("staff", QStringLiteral("hashing the password failed (out of memory?)"));
        AuditEntry audit = cliAudit(environment, auditAction::kStaffAdd, username);
        audit.after = QJsonObject{{QStringLiteral("id"), account.id},
                                  {QStringLiteral("username"), username},
                                  {QStringLiteral("display_name"), displayName},
                                  {QStringLiteral("role"), toString(*role)}};
        const QFuture<bool> created = store.createStaffAccount(account, audit);
        if (!awaitFuture(created, &error))
            return subcommandFailed("staff", error);
        if (!created.result())
            return subcommandFailed("staff", QStringLiteral("a staff account named '%1' exists already").arg(username));
        std::printf("created staff account %s (%s, %s), id %s\n", qPrintable(username),
                    qPrintable(displayName), qPrintable(toString(*role)), qPrintable(account.id));
        return 0;
    }

    if (!existing)
        return subcommandFailed("staff", QStringLiteral("no staff account named '%1'").arg(username));

    if (action == QLatin1String("passwd")) {
        const auto password = readNewPassword(username, &error);
        if (!password)
            return subcommandFailed("staff", error);
        const QString hash = PasswordHasher::hashNow(*password, PasswordHasher::interactive());
        if (hash.isEmpty())
            return subcommandFailed("staff", QStringLiteral("hashing the password failed (out of memory?)"));
        // Neither hash goes into the audit log: only that the password changed.
        const QFuture<bool> changed = store.setStaffPasswordHash(
            existing->id, hash, cliAudit(environment, auditAction::kStaffPasswd, username));
        if (!awaitFuture(changed, &error))
            return subcommandFailed("staff", error);
        if (!changed.result())
            return subcommandFailed("staff", QStringLiteral("no staff account named '%1'").arg(username));
        std::printf("password of %s changed\n", qPrintable(username));
        return 0;
    }

    const bool disable = action == QLatin1String("disable");
    AuditEntry audit = cliAudit(
        environment, disable ? auditAction::kStaffDisable : auditAction::kStaffEnable,
        username);
    audit.before = QJsonObject{{QStringLiteral("disabled"), existing->disabled}};
    audit.after = QJsonObject{{QStringLiteral("disabled"), disable}};
    const QFuture<bool> changed = store.setStaffDisabled(existing->id, disable, audit);
    if (!awaitFuture(changed, &error))
        return subcommandFailed("staff", error);
    if (!changed.result())
        return subcommandFailed("staff", QStringLiteral("no staff account named '%1'").arg(username));
    std::printf("%s %s\n", qPrintable(username), disable ? "disabled" : "enabled");
    if (disable) {
        const QString notice = announceDisabled(config, existing->id);
        if (!notice.isEmpty())
            std::fprintf(stderr,
                         "halobestie-backend staff: warning: could not tell the running instances "
                         "(%s); its open connections close within HALOBESTIE_STAFF_RECHECK_S "
                         "(60 s by default)\n",
                         qPrintable(notice));
    }
    return 0;
}

} // namespace hb
