#include "TokenCommand.h"

#include "SubcommandOutput.h"

#include "AwaitFuture.h"
#include "Config.h"
#include "auth/Jwt.h"
#include "store/postgres/PostgresStore.h"

#include <QDateTime>
#include <QHash>

#include <cstdio>

namespace hb {

namespace {

const char *kTokenUsage =
    "Usage: halobestie-backend token --role mitra|customer --sub ID [--name NAME] [--ttl-s N]\n"
    "       halobestie-backend token --role staff --username USERNAME [--ttl-s N]\n"
    "App tokens are signed with HALOBESTIE_JWT_SECRET (or HALOBESTIE_JWT_SECRET_FILE).\n"
    "Staff tokens name a staff account (`staff add`): its id, name and role go in the token,\n"
    "which is signed with HALOBESTIE_STAFF_JWT_SECRET (or HALOBESTIE_STAFF_JWT_SECRET_FILE);\n"
    "an unknown or disabled account is refused. Secrets are never taken from flags.\n"
    "Issuer and audiences: HALOBESTIE_JWT_ISSUER, HALOBESTIE_JWT_AUDIENCE,\n"
    "HALOBESTIE_STAFF_JWT_AUDIENCE. Default lifetime: HALOBESTIE_JWT_MAX_LIFETIME_S (86400 s).\n";

} // namespace

int runTokenCommand(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QHash<QString, QString> options;
    QStringList configFlags; // anything else is a setting (e.g. --database-url, --jwt-issuer)
    static const QStringList own = {QStringLiteral("role"), QStringLiteral("sub"),
                                    QStringLiteral("name"), QStringLiteral("username"),
                                    QStringLiteral("ttl-s")};
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            std::fputs(kTokenUsage, stdout);
            return 0;
        }
        if (!arg.startsWith(QLatin1String("--")) || i + 1 >= arguments.size())
            return subcommandMisused("token", QStringLiteral("expected --option value, got '%1'").arg(arg), kTokenUsage);
        if (arg == QLatin1String("--jwt-secret") || arg == QLatin1String("--staff-jwt-secret"))
            return subcommandMisused("token", QStringLiteral("secrets are never taken from flags (they would show "
                                             "in ps): use the variable or its _FILE form"), kTokenUsage);
        if (own.contains(arg.mid(2)))
            options.insert(arg.mid(2), arguments.at(++i));
        else
            configFlags << arg << arguments.at(++i);
    }
    const ConfigResult parsed = parseConfig(configFlags, environment, ConfigUse::StoresOnly);
    if (!parsed.config)
        return subcommandMisused("token", parsed.error, kTokenUsage);
    const Config &config = *parsed.config;

    JwtClaims claims;
    const auto role = roleFromString(options.value(QStringLiteral("role")));
    if (!role)
        return subcommandMisused("token", QStringLiteral("--role must be mitra, customer or staff"), kTokenUsage);
    claims.role = *role;
    claims.issuer = config.jwt.issuer;
    claims.audience = config.jwt.audienceFor(claims.role);

    bool ok = true;
    const qint64 ttl =
        options.value(QStringLiteral("ttl-s"), QString::number(config.jwt.maxLifetimeS))
            .toLongLong(&ok);
    if (!ok || ttl <= 0 || ttl > config.jwt.maxLifetimeS)
        return subcommandMisused("token", QStringLiteral("--ttl-s must be 1 to %1 seconds "
                                         "(HALOBESTIE_JWT_MAX_LIFETIME_S)")
                              .arg(config.jwt.maxLifetimeS), kTokenUsage);

    QByteArray secret;
    if (claims.role == Role::Staff) {
        // Staff tokens only for real accounts: one that can be disabled, whose connections the
        // server closes when it is.
        if (options.contains(QStringLiteral("sub")) || options.contains(QStringLiteral("name")))
            return subcommandMisused("token", QStringLiteral("a staff token names an account: use --username "
                                             "(its id and name come from the account)"), kTokenUsage);
        const QString username = options.value(QStringLiteral("username")).toLower();
        if (username.isEmpty())
            return subcommandMisused("token", QStringLiteral("--username is required for staff tokens"), kTokenUsage);
        secret = config.jwt.staffSecret;
        if (secret.size() < kMinJwtSecretBytes)
            return subcommandMisused("token", QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET (or _FILE) must be set, "
                                             "at least %1 bytes")
                                  .arg(kMinJwtSecretBytes), kTokenUsage);
        QString error;
        PostgresStore store(
            PostgresConfig{config.databaseUrl, QStringLiteral("token-cli"), config.startupTimeoutS});
        if (!awaitFuture(store.open(), &error))
            return subcommandFailed("token", error);
        const QFuture<std::optional<StaffAccountRecord>> found = store.findStaffAccount(username);
        if (!awaitFuture(found, &error))
            return subcommandFailed("token", error);
        const std::optional<StaffAccountRecord> account = found.result();
        if (!account)
            return subcommandFailed("token", QStringLiteral("no staff account named '%1' (see `staff add`)").arg(username));
        if (account->disabled)
            return subcommandFailed("token", QStringLiteral("the staff account '%1' is disabled").arg(username));
        claims.sub = account->id;
        claims.name = account->displayName;
        claims.staffRole = account->role;
    } else {
        if (options.contains(QStringLiteral("username")))
            return subcommandMisused("token", QStringLiteral("--username is for staff tokens"), kTokenUsage);
        claims.sub = options.value(QStringLiteral("sub"));
        if (claims.sub.isEmpty())
            return subcommandMisused("token", QStringLiteral("--sub is required"), kTokenUsage);
        claims.name = options.value(QStringLiteral("name"), claims.sub);
        secret = config.jwt.appSecret;
        if (secret.size() < kMinJwtSecretBytes)
            return subcommandMisused("token", QStringLiteral("HALOBESTIE_JWT_SECRET (or _FILE) must be set, at "
                                             "least %1 bytes")
                                  .arg(kMinJwtSecretBytes), kTokenUsage);
    }

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    claims.iat = now;
    claims.exp = now + ttl;
    std::printf("%s\n", mintJwt(claims, secret).constData());
    return 0;
}

} // namespace hb
