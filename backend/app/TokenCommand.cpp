#include "TokenCommand.h"

#include "SubcommandOutput.h"

#include "auth/Jwt.h"

#include <QDateTime>
#include <QFile>
#include <QHash>

#include <cstdio>

namespace hb {

namespace {

const char *kTokenUsage =
    "Usage: halobestie-backend token --role mitra|customer|staff --sub ID --name NAME\n"
    "                                [--staff-role viewer|supervisor] [--ttl-s SECONDS]\n"
    "                                [--jwt-secret S | --jwt-secret-file FILE]\n"
    "The secret defaults to HALOBESTIE_JWT_SECRET (or HALOBESTIE_JWT_SECRET_FILE).\n"
    "Default lifetime: 86400 s.\n";

} // namespace

int runTokenCommand(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QHash<QString, QString> options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            std::fputs(kTokenUsage, stdout);
            return 0;
        }
        if (!arg.startsWith(QLatin1String("--")) || i + 1 >= arguments.size())
            return subcommandMisused("token", QStringLiteral("expected --option value, got '%1'").arg(arg), kTokenUsage);
        options.insert(arg.mid(2), arguments.at(++i));
    }
    static const QStringList known = {QStringLiteral("role"),       QStringLiteral("sub"),
                                      QStringLiteral("name"),       QStringLiteral("staff-role"),
                                      QStringLiteral("ttl-s"),      QStringLiteral("jwt-secret"),
                                      QStringLiteral("jwt-secret-file")};
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        if (!known.contains(it.key()))
            return subcommandMisused("token", QStringLiteral("unknown option --%1").arg(it.key()), kTokenUsage);

    JwtClaims claims;
    const auto role = roleFromString(options.value(QStringLiteral("role")));
    if (!role)
        return subcommandMisused("token", QStringLiteral("--role must be mitra, customer or staff"), kTokenUsage);
    claims.role = *role;
    claims.sub = options.value(QStringLiteral("sub"));
    if (claims.sub.isEmpty())
        return subcommandMisused("token", QStringLiteral("--sub is required"), kTokenUsage);
    claims.name = options.value(QStringLiteral("name"), claims.sub);
    if (options.contains(QStringLiteral("staff-role"))) {
        claims.staffRole = staffRoleFromString(options.value(QStringLiteral("staff-role")));
        if (!claims.staffRole || claims.role != Role::Staff)
            return subcommandMisused("token", QStringLiteral("--staff-role is viewer or supervisor, for staff only"), kTokenUsage);
    }
    bool ok = true;
    const qint64 ttl = options.value(QStringLiteral("ttl-s"), QStringLiteral("86400")).toLongLong(&ok);
    if (!ok || ttl <= 0)
        return subcommandMisused("token", QStringLiteral("--ttl-s must be a positive number of seconds"), kTokenUsage);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    claims.iat = now;
    claims.exp = now + ttl;

    QByteArray secret = options.value(QStringLiteral("jwt-secret")).toUtf8();
    QString secretFile = options.value(QStringLiteral("jwt-secret-file"));
    if (secret.isEmpty() && secretFile.isEmpty()) {
        secret = environment.value(QStringLiteral("HALOBESTIE_JWT_SECRET")).toUtf8();
        secretFile = environment.value(QStringLiteral("HALOBESTIE_JWT_SECRET_FILE"));
    }
    if (secret.isEmpty() && !secretFile.isEmpty()) {
        QFile f(secretFile);
        if (!f.open(QIODevice::ReadOnly))
            return subcommandMisused("token", QStringLiteral("cannot read %1: %2").arg(secretFile, f.errorString()), kTokenUsage);
        secret = f.readAll().trimmed();
    }
    if (secret.isEmpty())
        return subcommandMisused("token", QStringLiteral("no secret: set HALOBESTIE_JWT_SECRET or pass --jwt-secret"), kTokenUsage);

    std::printf("%s\n", mintJwt(claims, secret).constData());
    return 0;
}

} // namespace hb
