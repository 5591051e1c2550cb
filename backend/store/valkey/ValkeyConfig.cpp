#include "ValkeyConfig.h"

#include <QUrl>

namespace hb {

QString ValkeyConfig::endpoint() const
{
    const bool ipv6 = host.contains(QLatin1Char(':'));
    return (ipv6 ? QLatin1Char('[') + host + QLatin1Char(']') : host) + QLatin1Char(':') +
           QString::number(port);
}

namespace {

std::nullopt_t fail(QString *error, const QUrl &url, const QString &why)
{
    if (error) {
        // RemovePassword: operators paste these lines into tickets.
        *error = QStringLiteral("invalid Valkey URL '%1': %2")
                     .arg(url.toDisplayString(QUrl::RemovePassword), why);
    }
    return std::nullopt;
}

} // namespace

std::optional<ValkeyConfig> parseValkeyUrl(const QString &text, QString *error)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (text.trimmed().isEmpty())
        return fail(error, url, QStringLiteral("empty"));
    if (!url.isValid())
        return fail(error, url, url.errorString());

    const QString scheme = url.scheme();
    if (scheme == QLatin1String("rediss") || scheme == QLatin1String("valkeys"))
        return fail(error, url, QStringLiteral("TLS is not supported"));
    if (scheme != QLatin1String("redis") && scheme != QLatin1String("valkey"))
        return fail(error, url, QStringLiteral("the scheme must be redis:// or valkey://"));

    ValkeyConfig config;
    config.host = url.host(QUrl::FullyDecoded);
    if (config.host.isEmpty())
        return fail(error, url, QStringLiteral("no host"));

    const int port = url.port(-1);
    if (port == 0)
        return fail(error, url, QStringLiteral("port 0 is not a valid port"));
    if (port > 0)
        config.port = port;

    config.username = url.userName(QUrl::FullyDecoded);
    config.password = url.password(QUrl::FullyDecoded);
    if (!config.username.isEmpty() && config.password.isEmpty())
        return fail(error, url, QStringLiteral("a user name needs a password (user:password@)"));

    // The path is empty, "/" or "/<db>".
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        const int db = path.toInt(&ok, 10);
        if (!ok || db < 0 || path.startsWith(QLatin1Char('+')))
            return fail(error, url, QStringLiteral("the database must be a number (/0, /1, ...)"));
        config.db = db;
    }
    if (url.hasQuery() || url.hasFragment())
        return fail(error, url, QStringLiteral("query options are not supported"));

    if (error)
        error->clear();
    return config;
}

} // namespace hb
