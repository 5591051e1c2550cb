#include "app/ServerAddress.h"


namespace hb::ui {

ServerAddress ServerAddress::parse(const QString &text)
{
    ServerAddress result;
    QString input = text.trimmed();
    if (input.isEmpty()) {
        result.error = tr("Enter the server address, for example wss://halo.example.com.");
        return result;
    }
    // Staff often paste what the browser shows, or only host:port: take what they mean.
    if (!input.contains(QLatin1String("://")))
        input.prepend(QLatin1String("ws://"));
    QUrl url(input, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http"))
        url.setScheme(QStringLiteral("ws"));
    else if (scheme == QLatin1String("https"))
        url.setScheme(QStringLiteral("wss"));
    else if (scheme == QLatin1String("ws") || scheme == QLatin1String("wss"))
        url.setScheme(scheme);
    else {
        result.error = tr("The address must start with ws:// or wss:// (or http:// or https://).");
        return result;
    }
    if (!url.isValid() || url.host().isEmpty()) {
        result.error = tr("That is not a valid server address. Use host:port or a wss:// address.");
        return result;
    }
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QStringLiteral("/v1/ws"));
    url.setFragment(QString());
    result.url = url;
    return result;
}

} // namespace hb::ui
