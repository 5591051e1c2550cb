#include "PgConnInfo.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace hb::pgconninfo {

namespace {

bool isUri(const QString &conninfo)
{
    return conninfo.startsWith(QLatin1String("postgresql://")) ||
           conninfo.startsWith(QLatin1String("postgres://"));
}

bool uriHasParameter(const QString &uri, const QString &key)
{
    const qsizetype query = uri.indexOf(QLatin1Char('?'));
    if (query < 0)
        return false;
    const QStringList pairs = uri.mid(query + 1).split(QLatin1Char('&'));
    for (const QString &pair : pairs) {
        if (pair.section(QLatin1Char('='), 0, 0) == key)
            return true;
    }
    return false;
}

bool keywordHasParameter(const QString &conninfo, const QString &key)
{
    const QRegularExpression re(QStringLiteral("(^|\\s)") + QRegularExpression::escape(key) +
                                QStringLiteral("\\s*="));
    return re.match(conninfo).hasMatch();
}

} // namespace

QString withParameter(const QString &conninfo, const QString &key, const QString &value)
{
    if (isUri(conninfo)) {
        if (uriHasParameter(conninfo, key))
            return conninfo;
        const QChar separator =
            conninfo.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
        return conninfo + separator + key + QLatin1Char('=') +
               QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    if (keywordHasParameter(conninfo, key))
        return conninfo;
    QString quoted = value;
    quoted.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    quoted.replace(QLatin1String("'"), QLatin1String("\\'"));
    const QString pair = key + QLatin1String("='") + quoted + QLatin1Char('\'');
    return conninfo.trimmed().isEmpty() ? pair : conninfo + QLatin1Char(' ') + pair;
}

QString redacted(const QString &conninfo)
{
    QString out = conninfo;
    if (isUri(out)) {
        // userinfo is everything between "://" and the last '@' before the path or query.
        const qsizetype start = out.indexOf(QLatin1String("://")) + 3;
        qsizetype end = out.size();
        for (const QChar stop : {QLatin1Char('/'), QLatin1Char('?')}) {
            const qsizetype at = out.indexOf(stop, start);
            if (at >= 0 && at < end)
                end = at;
        }
        const qsizetype at = out.lastIndexOf(QLatin1Char('@'), end - 1);
        if (at >= start) {
            const qsizetype colon = out.indexOf(QLatin1Char(':'), start);
            if (colon >= 0 && colon < at)
                out.replace(colon + 1, at - colon - 1, QStringLiteral("***"));
        }
        static const QRegularExpression queryPassword(QStringLiteral("([?&]password=)[^&]*"));
        out.replace(queryPassword, QStringLiteral("\\1***"));
        return out;
    }
    static const QRegularExpression keywordPassword(
        QStringLiteral("(\\bpassword\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\\S*)"));
    out.replace(keywordPassword, QStringLiteral("\\1***"));
    return out;
}

QString oneLine(const char *message)
{
    return QString::fromUtf8(message).simplified();
}

} // namespace hb::pgconninfo
