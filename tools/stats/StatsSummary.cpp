#include "StatsSummary.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <algorithm>

namespace hb::stats {

namespace {

int number(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInt();
}

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

// `at` in local time, to the second: the operator's clock, not the server's ISO string.
QString clock(const QJsonObject &stats)
{
    const QDateTime at = QDateTime::fromString(text(stats, "at"), Qt::ISODateWithMs);
    return (at.isValid() ? at.toLocalTime() : QDateTime::currentDateTime())
        .toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

QString summaryLine(const QJsonObject &stats, int updates)
{
    int full = 0, offlineServing = 0, capacity = 0, used = 0;
    for (const QJsonValue &v : stats.value(QStringLiteral("mitras")).toArray()) {
        const QJsonObject m = v.toObject();
        const int active = number(m, "active_sessions");
        const int max = number(m, "max_customers");
        if (text(m, "status") == QLatin1String("online")) {
            capacity += max;
            used += std::min(active, max);
            if (active >= max)
                ++full;
        } else if (active > 0) {
            ++offlineServing;
        }
    }
    QString line = QStringLiteral("%1  chats %2 | mitras online %3 (%4 full)")
                       .arg(clock(stats))
                       .arg(number(stats, "active_chats"))
                       .arg(number(stats, "active_mitras"))
                       .arg(full);
    if (offlineServing > 0)
        line += QStringLiteral(", %1 offline still serving").arg(offlineServing);
    line += QStringLiteral(" | waiting %1 | capacity used %2/%3 | %4 update%5")
                .arg(number(stats, "pending_requests"))
                .arg(used)
                .arg(capacity)
                .arg(updates)
                .arg(updates == 1 ? QString() : QStringLiteral("s"));
    return line;
}

QString busiestTable(const QJsonObject &stats, int rows)
{
    QList<QJsonObject> mitras;
    for (const QJsonValue &v : stats.value(QStringLiteral("mitras")).toArray())
        mitras << v.toObject();
    std::stable_sort(mitras.begin(), mitras.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return number(a, "active_sessions") > number(b, "active_sessions");
    });
    QString out;
    for (qsizetype i = 0; i < mitras.size() && i < rows; ++i) {
        const QJsonObject &m = mitras.at(i);
        QString name = text(m, "name");
        if (name.size() > 24)
            name = name.left(23) + QChar(0x2026);
        out += QStringLiteral("    %1 %2 %3/%4%5\n")
                   .arg(name, -24)
                   .arg(text(m, "status"), -8)
                   .arg(number(m, "active_sessions"))
                   .arg(number(m, "max_customers"))
                   .arg(m.value(QStringLiteral("over_capacity")).toBool()
                            ? QStringLiteral("  over capacity")
                            : QString());
    }
    return out;
}

} // namespace hb::stats
