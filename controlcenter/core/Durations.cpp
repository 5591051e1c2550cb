#include "Durations.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace hb::cc {

namespace {

// The translation context "hb::cc::Durations", declared so that lupdate files the strings below
// under the same context the code asks for at run time (a free tr() helper made lupdate file
// them under "hb::cc", so the ages were never translated).
class Durations
{
    Q_DECLARE_TR_FUNCTIONS(hb::cc::Durations)
};

} // namespace

QString formatDuration(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    if (s < 60)
        return Durations::tr("%1 s").arg(s);
    const qint64 min = s / 60;
    if (min < 60)
        return Durations::tr("%1 min").arg(min);
    const qint64 h = min / 60;
    if (h < 24)
        return Durations::tr("%1 h %2 min").arg(h).arg(min % 60, 2, 10, QLatin1Char('0'));
    return Durations::tr("%1 d %2 h").arg(h / 24).arg(h % 24);
}

QString formatServerTime(qint64 msSinceEpoch, qint64 nowMs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toLocalTime();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime();
    const QLocale locale;
    if (at.date() == now.date())
        return locale.toString(at.time(), QLocale::ShortFormat);
    return locale.toString(at, QLocale::ShortFormat);
}

} // namespace hb::cc
