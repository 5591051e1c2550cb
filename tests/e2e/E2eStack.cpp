#include "E2eStack.h"

#include "auth/Jwt.h"

#include <QDateTime>
#include <QProcess>
#include <QTimer>

namespace hb::test {

QJsonObject msg(const char *type, const QJsonObject &fields)
{
    QJsonObject o = fields;
    o.insert(QStringLiteral("type"), QLatin1String(type));
    return o;
}

bool E2eStack::start(QString *error)
{
    return m_valkey.start(error) && m_postgres.start(error) &&
           m_postgres.createDatabase(QStringLiteral("halobestie"), error);
}

QString E2eStack::databaseUrl() const
{
    return databaseUrl(QStringLiteral("halobestie"));
}

QString E2eStack::databaseUrl(const QString &database) const
{
    return m_postgres.url(database);
}

QProcessEnvironment E2eStack::backendEnvironment(const QProcessEnvironment &extra) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HALOBESTIE_VALKEY_URL"), m_valkey.url());
    env.insert(QStringLiteral("HALOBESTIE_DATABASE_URL"), databaseUrl());
    env.insert(QStringLiteral("HALOBESTIE_JWT_SECRET"), QString::fromLatin1(kSecret));
    env.insert(QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET"), QString::fromLatin1(kStaffSecret));
    env.insert(QStringLiteral("HALOBESTIE_HEARTBEAT_INTERVAL_S"), QStringLiteral("1"));
    env.insert(QStringLiteral("HALOBESTIE_HEARTBEAT_TIMEOUT_S"), QStringLiteral("2"));
    env.insert(QStringLiteral("HALOBESTIE_SWEEP_INTERVAL_MS"), QStringLiteral("100"));
    env.insert(QStringLiteral("HALOBESTIE_HELLO_TIMEOUT_S"), QStringLiteral("1"));
    const QStringList keys = extra.keys();
    for (const QString &key : keys)
        env.insert(key, extra.value(key));
    return env;
}

std::unique_ptr<BackendProcess> E2eStack::startBackend(const QString &instanceId, QString *error,
                                                       const QProcessEnvironment &extra)
{
    auto backend = std::make_unique<BackendProcess>(instanceId, backendEnvironment(extra));
    if (!backend->start(error))
        return nullptr;
    return backend;
}

namespace {
QString mint(Role role, const QString &id, const QString &name, qint64 ttlS,
             std::optional<StaffRole> staffRole = std::nullopt)
{
    const JwtRules rules = E2eStack::jwtRules();
    JwtClaims claims;
    claims.sub = id;
    claims.role = role;
    claims.name = name;
    claims.iat = QDateTime::currentSecsSinceEpoch();
    claims.exp = *claims.iat + ttlS;
    claims.staffRole = staffRole;
    claims.issuer = rules.issuer;
    claims.audience = rules.audienceFor(role);
    return QString::fromUtf8(
        mintJwt(claims, role == Role::Staff ? rules.staffSecret : rules.appSecret));
}
} // namespace

JwtRules E2eStack::jwtRules()
{
    JwtRules rules;
    rules.appSecret = kSecret;
    rules.staffSecret = kStaffSecret;
    return rules;
}

QString E2eStack::mitraToken(const QString &id, const QString &name, qint64 ttlS) const
{
    return mint(Role::Mitra, id, name, ttlS);
}

QString E2eStack::customerToken(const QString &id, const QString &name) const
{
    return mint(Role::Customer, id, name, 3600);
}

QString E2eStack::staffToken(const QString &id, bool supervisor, const QString &name) const
{
    const QString shown = name.isEmpty() ? id : name;
    // Returns a QString, not the QStringBuilder `auto` would keep (it would point into `text`).
    const auto quoted = [](QString text) -> QString {
        return QLatin1Char('\'') + text.replace(QLatin1Char('\''), QLatin1String("''")) +
               QLatin1Char('\'');
    };
    // The hash is well-formed argon2id (the table checks) but matches no password.
    m_postgres.query(m_staffAccountDatabase, QStringLiteral("insert into staff_accounts (id, username, display_name, role, "
                       "password_hash) values (%1, %2, %3, %4, "
                       "'$argon2id$v=19$m=65536,t=2,p=1$bm90LWEtc2FsdA$bm90LWEtaGFzaA') "
                       "on conflict (id) do nothing")
            .arg(quoted(id), quoted(id.toLower()), quoted(shown),
                 quoted(supervisor ? QStringLiteral("supervisor") : QStringLiteral("viewer"))));
    return mint(Role::Staff, id, shown, 3600,
                supervisor ? StaffRole::Supervisor : StaffRole::Viewer);
}

QString E2eStack::unregisteredStaffToken(const QString &id, bool supervisor) const
{
    return mint(Role::Staff, id, id, 3600, supervisor ? StaffRole::Supervisor : StaffRole::Viewer);
}

std::unique_ptr<WsTestClient> E2eStack::onlineMitra(const QString &url, const QString &id,
                                                    const QString &name) const
{
    auto c = std::make_unique<WsTestClient>();
    if (c->connectAndHello(url, mitraToken(id, name.isEmpty() ? id : name)).isEmpty())
        return nullptr;
    c->waitFor(QStringLiteral("presence")); // the state re-sent after welcome
    c->send(msg("presence.set", {{QStringLiteral("status"), QStringLiteral("online")}}));
    if (c->waitFor(QStringLiteral("presence")).value(QStringLiteral("status")).toString() !=
        QLatin1String("online"))
        return nullptr;
    auto *beat = new QTimer(c.get());
    WsTestClient *client = c.get();
    QObject::connect(beat, &QTimer::timeout, client, [client] { client->send(msg("heartbeat")); });
    beat->start(500);
    return c;
}

std::unique_ptr<WsTestClient> E2eStack::customer(const QString &url, const QString &id,
                                                 const QString &name) const
{
    auto c = std::make_unique<WsTestClient>();
    if (c->connectAndHello(url, customerToken(id, name.isEmpty() ? id : name)).isEmpty())
        return nullptr;
    return c;
}

int E2eStack::runCommand(const QStringList &arguments, const QProcessEnvironment &environment,
                         const QByteArray &input, QString *output)
{
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(BackendProcess::executable(), arguments);
    if (!p.waitForStarted(10000))
        return -1;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (output)
        *output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitCode();
}

QList<QStringList> E2eStack::sql(const QString &query) const
{
    return m_postgres.query(QStringLiteral("halobestie"), query);
}

QByteArray E2eStack::valkey(const QStringList &arguments) const
{
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"),
              QStringList{QStringLiteral("-p"), QString::number(m_valkey.port())} + arguments);
    cli.waitForFinished(10000);
    return cli.readAllStandardOutput().trimmed();
}

QStringList E2eStack::valkeyList(const QStringList &arguments) const
{
    const QByteArray raw = valkey(arguments);
    if (raw.isEmpty())
        return {};
    QStringList out;
    for (const QByteArray &line : raw.split('\n'))
        out.append(QString::fromUtf8(line));
    return out;
}

QMap<QString, QString> E2eStack::valkeyHash(const QString &key) const
{
    const QStringList flat = valkeyList({QStringLiteral("HGETALL"), key});
    QMap<QString, QString> out;
    for (qsizetype i = 0; i + 1 < flat.size(); i += 2)
        out.insert(flat.at(i), flat.at(i + 1));
    return out;
}

} // namespace hb::test
