#include "Time.h"

#include <QDate>
#include <QRegularExpression>

namespace hb {

namespace {

constexpr qint64 kMsPerDay = 24LL * 60 * 60 * 1000;
constexpr qint64 kUnixEpochJulianDay = 2440588; // 1970-01-01

// Floor division: negative times (before 1970) must still land on the right day.
qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

} // namespace

QString isoTime(qint64 msSinceEpoch)
{
    // Formatted by hand rather than through QDateTime so the shape never depends on the Qt
    // version or on the year (QDateTime drops digits or adds signs outside 0..9999).
    const qint64 day = floorDiv(msSinceEpoch, kMsPerDay);
    const qint64 msOfDay = msSinceEpoch - day * kMsPerDay;
    const QDate date = QDate::fromJulianDay(kUnixEpochJulianDay + day);
    const int ms = int(msOfDay % 1000);
    const int secs = int(msOfDay / 1000);
    return QStringLiteral("%1-%2-%3T%4:%5:%6.%7Z")
        .arg(date.year(), 4, 10, QLatin1Char('0'))
        .arg(date.month(), 2, 10, QLatin1Char('0'))
        .arg(date.day(), 2, 10, QLatin1Char('0'))
        .arg(secs / 3600, 2, 10, QLatin1Char('0'))
        .arg(secs / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(secs % 60, 2, 10, QLatin1Char('0'))
        .arg(ms, 3, 10, QLatin1Char('0'));
}

std::optional<qint64> parseIsoTime(const QString &text)
{
    // QDateTime::fromString(Qt::ISODate) is too lenient for a wire format (it takes dates
    // without a time, times without a zone and reads those as local time), hence a strict
    // pattern of our own. [0-9] rather than \d, which also matches non-ASCII digits here;
    // anchoredPattern() rather than ^...$, as $ also matches before a final newline.
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        QStringLiteral("([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
                       "(?:\\.([0-9]{1,9}))?(?:(Z)|([+-])([0-9]{2}):?([0-9]{2}))")));
    if (text.size() > 64)
        return std::nullopt;
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return std::nullopt;

    auto number = [&m](int group) { return m.capturedView(group).toInt(); };
    const QDate date(number(1), number(2), number(3));
    const int hour = number(4);
    const int minute = number(5);
    const int second = number(6);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;

    int ms = 0;
    if (m.capturedLength(7) > 0) {
        // Pad or cut the fraction to three digits: ".5" is 500 ms, ".123456" is 123 ms.
        const QString fraction = QString(m.captured(7) + QStringLiteral("00")).left(3);
        ms = fraction.toInt();
    }

    qint64 offsetMinutes = 0;
    if (m.capturedLength(8) == 0) {
        const int offHours = number(10);
        const int offMinutes = number(11);
        if (offHours > 23 || offMinutes > 59)
            return std::nullopt;
        offsetMinutes = offHours * 60 + offMinutes;
        if (m.capturedView(9) == QLatin1String("-"))
            offsetMinutes = -offsetMinutes;
    }

    const qint64 days = date.toJulianDay() - kUnixEpochJulianDay;
    const qint64 local = days * kMsPerDay + ((hour * 60LL + minute) * 60 + second) * 1000 + ms;
    return local - offsetMinutes * 60 * 1000;
}

} // namespace hb
