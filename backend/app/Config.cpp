#include "Config.h"

#include "gateway/TrustedProxies.h"

#include <QFile>
#include <QHostInfo>
#include <QHash>
#include <QTextStream>

#include <functional>

namespace hb {

namespace {

// One setting: its flag, its variable, what --help says, and how to store a value.
struct Setting
{
    QString flag;
    QString variable;
    QString help;
    QString defaultText;
    std::function<QString(Config &, const QString &)> apply; // returns an error or empty
};

QString applyInt(int &field, const QString &value, int min, int max, const QString &name)
{
    bool ok = false;
    const int n = value.trimmed().toInt(&ok);
    if (!ok || n < min || n > max)
        return QStringLiteral("%1 must be an integer between %2 and %3, got '%4'")
            .arg(name)
            .arg(min)
            .arg(max)
            .arg(value);
    field = n;
    return {};
}

// A secret kept in a file (so it never shows in `ps` or the environment of child processes).
QString readSecretFile(const QString &path, QByteArray *secret)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the secret file %1: %2").arg(path, f.errorString());
    *secret = f.readAll().trimmed();
    return {};
}

QString applyListen(Config &c, const QString &value)
{
    // host:port, [v6]:port or :port
    const int colon = value.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return QStringLiteral("HALOBESTIE_LISTEN must be host:port, got '%1'").arg(value);
    QString host = value.left(colon);
    bool ok = false;
    const uint port = value.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return QStringLiteral("HALOBESTIE_LISTEN has an invalid port: '%1'").arg(value);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host.isEmpty() || host == QLatin1String("*"))
        address = QHostAddress::Any;
    else if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return QStringLiteral("HALOBESTIE_LISTEN needs an IP address, got '%1'").arg(host);
    c.listenAddress = address;
    c.listenPort = static_cast<quint16>(port);
    return {};
}

const QList<Setting> &settings()
{
    static const QList<Setting> all = {
        {QStringLiteral("listen"), QStringLiteral("HALOBESTIE_LISTEN"),
         QStringLiteral("host:port of the WebSocket endpoint"), QStringLiteral("127.0.0.1:8080"),
         applyListen},
        {QStringLiteral("valkey-url"), QStringLiteral("HALOBESTIE_VALKEY_URL"),
         QStringLiteral("redis://[:password@]host:port[/db] of Valkey (or redis-server 7)"),
         QStringLiteral("redis://127.0.0.1:6379/0"),
         [](Config &c, const QString &v) {
             c.valkeyUrl = v;
             return QString();
         }},
        {QStringLiteral("database-url"), QStringLiteral("HALOBESTIE_DATABASE_URL"),
         QStringLiteral("libpq connection URI of PostgreSQL"),
         QStringLiteral("postgresql:///halobestie"),
         [](Config &c, const QString &v) {
             c.databaseUrl = v;
             return QString();
         }},
        {QStringLiteral("jwt-secret"), QStringLiteral("HALOBESTIE_JWT_SECRET"),
         QStringLiteral("HS256 secret of the apps' (mitra, customer) tokens, at least 32 bytes "
                        "(prefer the variable or --jwt-secret-file: flags show in `ps`)"),
         QStringLiteral("none: refuse to start"),
         [](Config &c, const QString &v) {
             c.jwt.appSecret = v.toUtf8();
             return QString();
         }},
        {QStringLiteral("jwt-secret-file"), QStringLiteral("HALOBESTIE_JWT_SECRET_FILE"),
         QStringLiteral("file holding the apps' HS256 secret (trailing newline ignored)"), {},
         [](Config &c, const QString &v) { return readSecretFile(v, &c.jwt.appSecret); }},
        {QStringLiteral("staff-jwt-secret"), QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET"),
         QStringLiteral("HS256 secret of staff tokens (control center), at least 32 bytes and "
                        "not the apps' secret: whoever holds the apps' key cannot mint staff"),
         QStringLiteral("none: refuse to start"),
         [](Config &c, const QString &v) {
             c.jwt.staffSecret = v.toUtf8();
             return QString();
         }},
        {QStringLiteral("staff-jwt-secret-file"), QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET_FILE"),
         QStringLiteral("file holding the staff HS256 secret (trailing newline ignored)"), {},
         [](Config &c, const QString &v) { return readSecretFile(v, &c.jwt.staffSecret); }},
        {QStringLiteral("jwt-issuer"), QStringLiteral("HALOBESTIE_JWT_ISSUER"),
         QStringLiteral("the `iss` every token must carry"), JwtRules::defaultIssuer(),
         [](Config &c, const QString &v) {
             if (v.isEmpty())
                 return QStringLiteral("HALOBESTIE_JWT_ISSUER must not be empty");
             c.jwt.issuer = v;
             return QString();
         }},
        {QStringLiteral("jwt-audience"), QStringLiteral("HALOBESTIE_JWT_AUDIENCE"),
         QStringLiteral("the `aud` of the apps' tokens"), JwtRules::defaultAppAudience(),
         [](Config &c, const QString &v) {
             if (v.isEmpty())
                 return QStringLiteral("HALOBESTIE_JWT_AUDIENCE must not be empty");
             c.jwt.appAudience = v;
             return QString();
         }},
        {QStringLiteral("staff-jwt-audience"), QStringLiteral("HALOBESTIE_STAFF_JWT_AUDIENCE"),
         QStringLiteral("the `aud` of staff tokens (must differ from the apps')"),
         JwtRules::defaultStaffAudience(),
         [](Config &c, const QString &v) {
             if (v.isEmpty())
                 return QStringLiteral("HALOBESTIE_STAFF_JWT_AUDIENCE must not be empty");
             c.jwt.staffAudience = v;
             return QString();
         }},
        {QStringLiteral("jwt-leeway-s"), QStringLiteral("HALOBESTIE_JWT_LEEWAY_S"),
         QStringLiteral("clock skew allowed on a token's exp, nbf and iat"), QStringLiteral("30"),
         [](Config &c, const QString &v) {
             int n = 0;
             const QString error = applyInt(n, v, 0, 300, QStringLiteral("HALOBESTIE_JWT_LEEWAY_S"));
             c.jwt.leewayS = n;
             return error;
         }},
        {QStringLiteral("jwt-max-lifetime-s"), QStringLiteral("HALOBESTIE_JWT_MAX_LIFETIME_S"),
         QStringLiteral("longest lifetime (exp - iat) a token may have; staff sign-ins get tokens "
                        "of at most 12 h"),
         QStringLiteral("86400"),
         [](Config &c, const QString &v) {
             int n = 0;
             const QString error = applyInt(n, v, 60, 30 * 86400,
                                            QStringLiteral("HALOBESTIE_JWT_MAX_LIFETIME_S"));
             c.jwt.maxLifetimeS = n;
             return error;
         }},
        {QStringLiteral("heartbeat-interval-s"), QStringLiteral("HALOBESTIE_HEARTBEAT_INTERVAL_S"),
         QStringLiteral("heartbeat interval told to apps in `welcome`"), QStringLiteral("10"),
         [](Config &c, const QString &v) {
             return applyInt(c.heartbeatIntervalS, v, 1, 3600,
                             QStringLiteral("HALOBESTIE_HEARTBEAT_INTERVAL_S"));
         }},
        {QStringLiteral("heartbeat-timeout-s"), QStringLiteral("HALOBESTIE_HEARTBEAT_TIMEOUT_S"),
         QStringLiteral("silence after which a mitra goes offline by itself"), QStringLiteral("30"),
         [](Config &c, const QString &v) {
             return applyInt(c.heartbeatTimeoutS, v, 1, 86400,
                             QStringLiteral("HALOBESTIE_HEARTBEAT_TIMEOUT_S"));
         }},
        {QStringLiteral("pairing-strategy"), QStringLiteral("HALOBESTIE_PAIRING_STRATEGY"),
         QStringLiteral("broadcast, round_robin or weighted_round_robin"),
         QStringLiteral("broadcast"),
         [](Config &c, const QString &v) {
             static const QStringList known = {QStringLiteral("broadcast"),
                                               QStringLiteral("round_robin"),
                                               QStringLiteral("weighted_round_robin")};
             if (!known.contains(v))
                 return QStringLiteral("HALOBESTIE_PAIRING_STRATEGY must be one of %1, got '%2'")
                     .arg(known.join(QStringLiteral(", ")), v);
             c.pairingStrategy = v;
             return QString();
         }},
        {QStringLiteral("default-max-customers"), QStringLiteral("HALOBESTIE_DEFAULT_MAX_CUSTOMERS"),
         QStringLiteral("global capacity until staff set one in the database"), QStringLiteral("3"),
         [](Config &c, const QString &v) {
             return applyInt(c.defaultMaxCustomers, v, 0, 1000,
                             QStringLiteral("HALOBESTIE_DEFAULT_MAX_CUSTOMERS"));
         }},
        {QStringLiteral("request-timeout-s"), QStringLiteral("HALOBESTIE_REQUEST_TIMEOUT_S"),
         QStringLiteral("how long a pairing request searches"), QStringLiteral("60"),
         [](Config &c, const QString &v) {
             return applyInt(c.requestTimeoutS, v, 1, 3600,
                             QStringLiteral("HALOBESTIE_REQUEST_TIMEOUT_S"));
         }},
        {QStringLiteral("offer-timeout-s"), QStringLiteral("HALOBESTIE_OFFER_TIMEOUT_S"),
         QStringLiteral("how long one mitra has to answer an offer (round robin)"),
         QStringLiteral("15"),
         [](Config &c, const QString &v) {
             return applyInt(c.offerTimeoutS, v, 1, 3600,
                             QStringLiteral("HALOBESTIE_OFFER_TIMEOUT_S"));
         }},
        {QStringLiteral("instance-id"), QStringLiteral("HALOBESTIE_INSTANCE_ID"),
         QStringLiteral("this instance's name in Valkey and logs"), QStringLiteral("host name + port"),
         [](Config &c, const QString &v) {
             if (v.isEmpty() || v.size() > 100 || v.contains(QLatin1Char(' ')))
                 return QStringLiteral("HALOBESTIE_INSTANCE_ID must be 1-100 characters without spaces");
             c.instanceId = v;
             return QString();
         }},
        {QStringLiteral("max-frame-bytes"), QStringLiteral("HALOBESTIE_MAX_FRAME_BYTES"),
         QStringLiteral("largest client message accepted; larger ones get `too_large`"),
         QStringLiteral("65536"),
         [](Config &c, const QString &v) {
             return applyInt(c.maxFrameBytes, v, 1024, 16 * 1024 * 1024,
                             QStringLiteral("HALOBESTIE_MAX_FRAME_BYTES"));
         }},
        {QStringLiteral("hello-timeout-s"), QStringLiteral("HALOBESTIE_HELLO_TIMEOUT_S"),
         QStringLiteral("time a new connection has to send `hello` or `login`"), QStringLiteral("10"),
         [](Config &c, const QString &v) {
             return applyInt(c.helloTimeoutS, v, 1, 600, QStringLiteral("HALOBESTIE_HELLO_TIMEOUT_S"));
         }},
        {QStringLiteral("sweep-interval-ms"), QStringLiteral("HALOBESTIE_SWEEP_INTERVAL_MS"),
         QStringLiteral("how often this instance looks for mitras whose heartbeats stopped"),
         QStringLiteral("1000"),
         [](Config &c, const QString &v) {
             return applyInt(c.sweepIntervalMs, v, 50, 60000,
                             QStringLiteral("HALOBESTIE_SWEEP_INTERVAL_MS"));
         }},
        {QStringLiteral("allowed-origins"), QStringLiteral("HALOBESTIE_ALLOWED_ORIGINS"),
         QStringLiteral("comma-separated browser Origins allowed to connect (* for any); clients "
                        "sending no Origin (the apps) are always allowed"),
         QStringLiteral("none"),
         [](Config &c, const QString &v) {
             c.allowedOrigins.clear();
             for (const QString &o : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
                 c.allowedOrigins << o.trimmed();
             return QString();
         }},
        {QStringLiteral("payment-delay-ms"), QStringLiteral("HALOBESTIE_PAYMENT_DELAY_MS"),
         QStringLiteral("phase 2 payment confirms by itself after this delay (demos, tests)"),
         QStringLiteral("0"),
         [](Config &c, const QString &v) {
             return applyInt(c.paymentDelayMs, v, 0, 600000,
                             QStringLiteral("HALOBESTIE_PAYMENT_DELAY_MS"));
         }},
        {QStringLiteral("payment-timeout-s"), QStringLiteral("HALOBESTIE_PAYMENT_TIMEOUT_S"),
         QStringLiteral("how long a new session waits for payment; past it, the session ends "
                        "with `payment_failed` and the mitra's slot is freed (checked every "
                        "HALOBESTIE_SWEEP_INTERVAL_MS by every instance)"),
         QStringLiteral("300"),
         [](Config &c, const QString &v) {
             return applyInt(c.paymentTimeoutS, v, 1, 86400,
                             QStringLiteral("HALOBESTIE_PAYMENT_TIMEOUT_S"));
         }},
        {QStringLiteral("payment-mode"), QStringLiteral("HALOBESTIE_PAYMENT_MODE"),
         QStringLiteral("for tests and demos only: what phase 2 payment answers, `confirm`, "
                        "`fail` (every payment fails) or `never` (no answer: the payment "
                        "deadline ends each session)"),
         QStringLiteral("confirm"),
         [](Config &c, const QString &v) {
             static const QStringList known = {QStringLiteral("confirm"), QStringLiteral("fail"),
                                               QStringLiteral("never")};
             if (!known.contains(v))
                 return QStringLiteral("HALOBESTIE_PAYMENT_MODE must be one of %1, got '%2'")
                     .arg(known.join(QStringLiteral(", ")), v);
             c.paymentMode = v;
             return QString();
         }},
        {QStringLiteral("staff-recheck-s"), QStringLiteral("HALOBESTIE_STAFF_RECHECK_S"),
         QStringLiteral("how often open staff connections are checked against their accounts (a "
                        "disabled account's connection closes within this, even if the "
                        "`staff disable` notice was missed)"),
         QStringLiteral("60"),
         [](Config &c, const QString &v) {
             return applyInt(c.staffRecheckS, v, 1, 3600,
                             QStringLiteral("HALOBESTIE_STAFF_RECHECK_S"));
         }},
        {QStringLiteral("max-frame-bytes-before-hello"), QStringLiteral("HALOBESTIE_MAX_FRAME_BYTES_BEFORE_HELLO"),
         QStringLiteral("largest frame accepted before `welcome` (bigger: close 1009)"), QStringLiteral("16384"),
         [](Config &c, const QString &v) {
             return applyInt(c.maxFrameBytesBeforeHello, v, 1024, 16 * 1024 * 1024, QStringLiteral("HALOBESTIE_MAX_FRAME_BYTES_BEFORE_HELLO"));
         }},
        {QStringLiteral("max-send-backlog-bytes"), QStringLiteral("HALOBESTIE_MAX_SEND_BACKLOG_BYTES"),
         QStringLiteral("unread data queued for one client before it is dropped"), QStringLiteral("8388608"),
         [](Config &c, const QString &v) {
             return applyInt(c.maxSendBacklogBytes, v, 65536, 1024 * 1024 * 1024, QStringLiteral("HALOBESTIE_MAX_SEND_BACKLOG_BYTES"));
         }},
        {QStringLiteral("rate-messages-per-s"), QStringLiteral("HALOBESTIE_RATE_MESSAGES_PER_S"),
         QStringLiteral("valid messages per second per connection and per user (long-run rate)"), QStringLiteral("20"),
         [](Config &c, const QString &v) {
             return applyInt(c.rateMessagesPerS, v, 1, 100000, QStringLiteral("HALOBESTIE_RATE_MESSAGES_PER_S"));
         }},
        {QStringLiteral("rate-message-burst"), QStringLiteral("HALOBESTIE_RATE_MESSAGE_BURST"),
         QStringLiteral("valid messages a client may send at once before the rate applies"), QStringLiteral("60"),
         [](Config &c, const QString &v) {
             return applyInt(c.rateMessageBurst, v, 1, 1000000, QStringLiteral("HALOBESTIE_RATE_MESSAGE_BURST"));
         }},
        {QStringLiteral("rate-pairing-per-min"), QStringLiteral("HALOBESTIE_RATE_PAIRING_PER_MIN"),
         QStringLiteral("pairing.request and pairing.cancel per minute per user (long-run rate)"), QStringLiteral("12"),
         [](Config &c, const QString &v) {
             return applyInt(c.ratePairingPerMin, v, 1, 1000000, QStringLiteral("HALOBESTIE_RATE_PAIRING_PER_MIN"));
         }},
        {QStringLiteral("rate-pairing-burst"), QStringLiteral("HALOBESTIE_RATE_PAIRING_BURST"),
         QStringLiteral("pairing.request and pairing.cancel a user may send at once"), QStringLiteral("12"),
         [](Config &c, const QString &v) {
             return applyInt(c.ratePairingBurst, v, 1, 1000000, QStringLiteral("HALOBESTIE_RATE_PAIRING_BURST"));
         }},
        {QStringLiteral("max-connections"), QStringLiteral("HALOBESTIE_MAX_CONNECTIONS"),
         QStringLiteral("connections this instance holds at most (more: HTTP 503)"), QStringLiteral("20000"),
         [](Config &c, const QString &v) {
             return applyInt(c.maxConnections, v, 1, 10000000, QStringLiteral("HALOBESTIE_MAX_CONNECTIONS"));
         }},
        {QStringLiteral("max-connections-per-address"), QStringLiteral("HALOBESTIE_MAX_CONNECTIONS_PER_ADDRESS"),
         QStringLiteral("connections from one client address (IPv6: one /64) at most (more: HTTP 429)"), QStringLiteral("1000"),
         [](Config &c, const QString &v) {
             return applyInt(c.maxConnectionsPerAddress, v, 1, 10000000, QStringLiteral("HALOBESTIE_MAX_CONNECTIONS_PER_ADDRESS"));
         }},
        {QStringLiteral("max-unauthenticated"), QStringLiteral("HALOBESTIE_MAX_UNAUTHENTICATED"),
         QStringLiteral("connections not yet past `welcome` at most (more: HTTP 503)"), QStringLiteral("2000"),
         [](Config &c, const QString &v) {
             return applyInt(c.maxUnauthenticated, v, 1, 10000000, QStringLiteral("HALOBESTIE_MAX_UNAUTHENTICATED"));
         }},
        {QStringLiteral("request-head-timeout-s"), QStringLiteral("HALOBESTIE_REQUEST_HEAD_TIMEOUT_S"),
         QStringLiteral("time a new connection has to send its whole HTTP request head"), QStringLiteral("10"),
         [](Config &c, const QString &v) {
             return applyInt(c.requestHeadTimeoutS, v, 1, 600, QStringLiteral("HALOBESTIE_REQUEST_HEAD_TIMEOUT_S"));
         }},
        {QStringLiteral("trusted-proxies"), QStringLiteral("HALOBESTIE_TRUSTED_PROXIES"),
         QStringLiteral("comma-separated CIDR blocks of proxies whose X-Forwarded-For or PROXY "
                        "protocol v1 line names the client"),
         QStringLiteral("none"),
         [](Config &c, const QString &v) {
             QString error;
             if (!TrustedProxies::parse(v, &error))
                 return QStringLiteral("HALOBESTIE_TRUSTED_PROXIES: %1").arg(error);
             c.trustedProxies = v;
             return QString();
         }},
        {QStringLiteral("tls-cert"), QStringLiteral("HALOBESTIE_TLS_CERT"),
         QStringLiteral("PEM certificate (chain) file: with HALOBESTIE_TLS_KEY the endpoint "
                        "serves wss:// only"),
         QStringLiteral("none: ws://"),
         [](Config &c, const QString &v) {
             c.tlsCertFile = v;
             return QString();
         }},
        {QStringLiteral("tls-key"), QStringLiteral("HALOBESTIE_TLS_KEY"),
         QStringLiteral("PEM private key file of HALOBESTIE_TLS_CERT"), QStringLiteral("none"),
         [](Config &c, const QString &v) {
             c.tlsKeyFile = v;
             return QString();
         }},
        {QStringLiteral("startup-timeout-s"), QStringLiteral("HALOBESTIE_STARTUP_TIMEOUT_S"),
         QStringLiteral("how long start-up waits for Valkey and PostgreSQL before giving up"),
         QStringLiteral("10"),
         [](Config &c, const QString &v) {
             return applyInt(c.startupTimeoutS, v, 1, 600,
                             QStringLiteral("HALOBESTIE_STARTUP_TIMEOUT_S"));
         }},
    };
    return all;
}

// Reads `NAME=value` lines; `#` starts a comment. Unknown names are an error so that a typo in
// a config file does not silently fall back to a default.
QString readConfigFile(const QString &path, QHash<QString, QString> *out)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return QStringLiteral("cannot read config file %1: %2").arg(path, f.errorString());
    QTextStream in(&f);
    int lineNo = 0;
    while (!in.atEnd()) {
        const QString line = in.readLine().trimmed();
        ++lineNo;
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const int eq = line.indexOf(QLatin1Char('='));
        const QString name = line.left(eq).trimmed();
        bool known = false;
        for (const Setting &s : settings())
            known = known || s.variable == name;
        if (eq < 0 || !known)
            return QStringLiteral("%1:%2: expected HALOBESTIE_NAME=value with a known name")
                .arg(path)
                .arg(lineNo);
        QString value = line.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        out->insert(name, value);
    }
    return {};
}

// Why the token settings cannot serve, or empty. RFC 7518 asks HS256 keys of at least 32 bytes;
// one key for both kinds would let the apps' key mint staff again.
QString checkSecrets(const JwtRules &jwt)
{
    if (jwt.appSecret.isEmpty())
        return QStringLiteral("HALOBESTIE_JWT_SECRET is not set: refusing to start "
                              "(set it, or use HALOBESTIE_JWT_SECRET_FILE)");
    if (jwt.appSecret.size() < kMinJwtSecretBytes)
        return QStringLiteral("HALOBESTIE_JWT_SECRET is too short: use at least %1 bytes")
            .arg(kMinJwtSecretBytes);
    if (jwt.staffSecret.isEmpty())
        return QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET is not set: refusing to start "
                              "(set it, or use HALOBESTIE_STAFF_JWT_SECRET_FILE)");
    if (jwt.staffSecret.size() < kMinJwtSecretBytes)
        return QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET is too short: use at least %1 bytes")
            .arg(kMinJwtSecretBytes);
    if (jwt.staffSecret == jwt.appSecret)
        return QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET must differ from HALOBESTIE_JWT_SECRET");
    if (jwt.staffAudience == jwt.appAudience)
        return QStringLiteral(
            "HALOBESTIE_STAFF_JWT_AUDIENCE must differ from HALOBESTIE_JWT_AUDIENCE");
    return {};
}

} // namespace

QString Config::listenUrl() const
{
    QString host = listenAddress.toString();
    if (listenAddress == QHostAddress::Any || listenAddress == QHostAddress::AnyIPv6)
        host = QHostInfo::localHostName();
    else if (listenAddress.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    const QString scheme = tlsCertFile.isEmpty() ? QStringLiteral("ws") : QStringLiteral("wss");
    return QStringLiteral("%1://%2:%3/v1/ws").arg(scheme, host).arg(listenPort);
}

QString configHelpText()
{
    QString text = QStringLiteral(
        "Usage: halobestie-backend [options]\n"
        "       halobestie-backend token --role mitra|customer --sub ID [--name NAME] [--ttl-s N]\n"
        "       halobestie-backend token --role staff --username USERNAME [--ttl-s N]\n"
        "       halobestie-backend settings show|set KEY VALUE|set-weight MITRA N "
        "(see settings --help)\n"
        "\n"
        "Serves the HaloBestie apps and the control center over WebSocket at "
        "ws://HOST:PORT/v1/ws,\nwith GET /health on the same port.\n"
        "\nOptions (each also an environment variable; flags win over variables, variables over "
        "the config file):\n");
    for (const Setting &s : settings()) {
        text += QStringLiteral("  --%1 VALUE\n      %2 — %3").arg(s.flag, s.variable, s.help);
        if (!s.defaultText.isEmpty())
            text += QStringLiteral(" (default: %1)").arg(s.defaultText);
        text += QLatin1Char('\n');
    }
    text += QStringLiteral("  --config FILE\n      HALOBESTIE_CONFIG — file of HALOBESTIE_NAME=value "
                           "lines\n  -h, --help\n      this text\n");
    return text;
}

ConfigResult parseConfig(const QStringList &arguments, const QProcessEnvironment &environment,
                         ConfigUse use)
{
    ConfigResult result;
    QHash<QString, QString> fromFlags;
    QString configFile = environment.value(QStringLiteral("HALOBESTIE_CONFIG"));

    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString arg = arguments.at(i);
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            result.helpShown = true;
            return result;
        }
        if (!arg.startsWith(QLatin1String("--"))) {
            result.error = QStringLiteral("unexpected argument '%1' (see --help)").arg(arg);
            return result;
        }
        arg = arg.mid(2);
        QString value;
        const int eq = arg.indexOf(QLatin1Char('='));
        if (eq >= 0) {
            value = arg.mid(eq + 1);
            arg = arg.left(eq);
        } else if (i + 1 < arguments.size()) {
            value = arguments.at(++i);
        } else {
            result.error = QStringLiteral("--%1 needs a value").arg(arg);
            return result;
        }
        if (arg == QLatin1String("config")) {
            configFile = value;
            continue;
        }
        const Setting *match = nullptr;
        for (const Setting &s : settings())
            if (s.flag == arg)
                match = &s;
        if (!match) {
            result.error = QStringLiteral("unknown option --%1 (see --help)").arg(arg);
            return result;
        }
        fromFlags.insert(match->variable, value);
    }

    QHash<QString, QString> fromFile;
    if (!configFile.isEmpty()) {
        result.error = readConfigFile(configFile, &fromFile);
        if (!result.error.isEmpty())
            return result;
    }

    Config config;
    for (const Setting &s : settings()) {
        QString value;
        if (fromFlags.contains(s.variable))
            value = fromFlags.value(s.variable);
        else if (environment.contains(s.variable))
            value = environment.value(s.variable);
        else if (fromFile.contains(s.variable))
            value = fromFile.value(s.variable);
        else
            continue;
        const QString error = s.apply(config, value);
        if (!error.isEmpty()) {
            result.error = error;
            return result;
        }
    }

    if (use == ConfigUse::Server) {
        if (const QString error = checkSecrets(config.jwt); !error.isEmpty()) {
            result.error = error;
            return result;
        }
    }
    if (config.heartbeatTimeoutS <= config.heartbeatIntervalS) {
        result.error = QStringLiteral("HALOBESTIE_HEARTBEAT_TIMEOUT_S (%1) must be longer than "
                                      "HALOBESTIE_HEARTBEAT_INTERVAL_S (%2)")
                           .arg(config.heartbeatTimeoutS)
                           .arg(config.heartbeatIntervalS);
        return result;
    }
    if (config.tlsCertFile.isEmpty() != config.tlsKeyFile.isEmpty()) {
        result.error = QStringLiteral("HALOBESTIE_TLS_CERT and HALOBESTIE_TLS_KEY go together: "
                                      "set both for wss://, or neither");
        return result;
    }
    if (config.instanceId.isEmpty())
        config.instanceId = QHostInfo::localHostName() + QLatin1Char(':') +
                            QString::number(config.listenPort);
    result.config = config;
    return result;
}

} // namespace hb
