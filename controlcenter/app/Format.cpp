#include "app/Format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace hb::ui {

QString Format::duration(qint64 ms)
{
    const qint64 seconds = qMax<qint64>(0, ms) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString Format::clockTime(qint64 msSinceEpoch, qint64 nowMs)
{
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toLocalTime();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime();
    const QLocale locale;
    const QString time = locale.toString(when.time(), QStringLiteral("HH:mm"));
    const qint64 days = when.date().daysTo(now.date());
    if (days == 0)
        return time;
    if (days > 0 && days < 7)
        return locale.toString(when.date(), QStringLiteral("ddd")) + QLatin1Char(' ') + time;
    return locale.toString(when.date(), QStringLiteral("d MMM")) + QLatin1Char(' ') + time;
}

QString Format::since(qint64 msSinceEpoch, qint64 nowMs)
{
    return tr("since %1 (%2)").arg(clockTime(msSinceEpoch, nowMs), duration(nowMs - msSinceEpoch));
}

QString Format::sessions(int count)
{
    return tr("%n session(s)", nullptr, count);
}

QString Format::mitras(int count)
{
    return tr("%n mitra(s)", nullptr, count);
}

QString Format::requests(int count)
{
    return tr("%n request(s)", nullptr, count);
}

} // namespace hb::ui
