#include "app/dashboard/HistoryChart.h"

#include "core/DashboardHistory.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
#include <QLocale>
#include <QVXYModelMapper>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace hb::ui {

using History = hb::cc::DashboardHistory;

namespace {
// A round axis maximum a little above `value`, so lines never touch the top edge.
double niceCeiling(double value, double minimum)
{
    const double target = qMax(minimum, value * 1.1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(target)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * magnitude >= target)
            return step * magnitude;
    }
    return 10 * magnitude;
}

struct Line
{
    int column;
    QColor color;
    bool perMitra;
    Qt::PenStyle style;
};

const Line kLines[] = {
    {History::ActiveChatsColumn, QColor(0x25, 0x63, 0xeb), false, Qt::SolidLine},
    {History::OnlineMitrasColumn, QColor(0x16, 0xa3, 0x4a), false, Qt::SolidLine},
    {History::PendingRequestsColumn, QColor(0xea, 0x58, 0x0c), false, Qt::SolidLine},
    {History::AvgCustomersColumn, QColor(0x7c, 0x3a, 0xed), true, Qt::DashLine},
    {History::MaxCustomersColumn, QColor(0xdb, 0x27, 0x77), true, Qt::DotLine},
};
} // namespace

HistoryChart::HistoryChart(History *history, QWidget *parent)
    // The chart is handed to the base: QChartView() would create a default chart that
    // setChart() then releases without deleting (a leak per view).
    : QChartView(new QChart, parent), m_history(history), m_time(new QDateTimeAxis),
      m_counts(new QValueAxis), m_perMitra(new QValueAxis)
{
    setObjectName(QStringLiteral("historyChart"));
    setRenderHint(QPainter::Antialiasing);
    QChart *chart = this->chart();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation); // live data: animations only lag behind
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_counts, Qt::AlignLeft);
    chart->addAxis(m_perMitra, Qt::AlignRight);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTickCount(7); // every 10 minutes over the hour
    // Five even steps from 0 to a round maximum (see niceCeiling), so the labels are round too.
    m_counts->setLabelFormat(QStringLiteral("%.0f")); // "%d" shows nothing with localized numbers (Qt 6.4)
    m_counts->setTickType(QValueAxis::TicksDynamic);
    m_counts->setTickAnchor(0);
    m_counts->setMin(0);
    m_perMitra->setLabelFormat(QStringLiteral("%.1f"));
    m_perMitra->setTickType(QValueAxis::TicksDynamic);
    m_perMitra->setTickAnchor(0);
    m_perMitra->setMin(0);
    chart->setLocalizeNumbers(true); // "2,5" in Indonesian
    for (const Line &line : kLines) {
        auto *series = new QLineSeries(chart);
        QPen pen(line.color, 2);
        pen.setStyle(line.style);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(line.perMitra ? m_perMitra : m_counts);
        auto *mapper = new QVXYModelMapper(series);
        mapper->setXColumn(History::TimeColumn);
        mapper->setYColumn(line.column);
        mapper->setSeries(series);
        mapper->setModel(history);
        m_series.append(series);
    }
    connect(history, &QAbstractItemModel::rowsInserted, this, &HistoryChart::updateAxes);
    connect(history, &QAbstractItemModel::rowsRemoved, this, &HistoryChart::updateAxes);
    connect(history, &QAbstractItemModel::modelReset, this, &HistoryChart::updateAxes);
    connect(history, &QAbstractItemModel::dataChanged, this, &HistoryChart::updateAxes);
    retranslate();
    updateAxes();
}

QLineSeries *HistoryChart::series(int column) const
{
    return column >= 1 && column <= m_series.size() ? m_series.at(column - 1) : nullptr;
}

void HistoryChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QChartView::changeEvent(event);
}

void HistoryChart::retranslate()
{
    chart()->setLocale(QLocale());
    chart()->setTitle(m_showsFullHour ? tr("The last hour") : tr("Since you signed in (up to an hour)"));
    m_series.at(0)->setName(tr("Active chats"));
    m_series.at(1)->setName(tr("Online mitras"));
    m_series.at(2)->setName(tr("Pending requests"));
    m_series.at(3)->setName(tr("Avg per mitra (right)"));
    m_series.at(4)->setName(tr("Max per mitra (right)"));
    m_counts->setTitleText(tr("Count"));
    m_perMitra->setTitleText(tr("Customers per mitra"));
}

void HistoryChart::updateAxes()
{
    const auto latest = m_history->latest();
    const qint64 end = latest ? latest->atMs : QDateTime::currentMSecsSinceEpoch();
    // The whole hour once it is known; until then (just signed in) what is known, but at least
    // ten minutes, so the first samples are not a sliver at the right edge.
    const qint64 first = m_history->rowCount() > 0 ? m_history->sampleAt(0).atMs : end;
    const qint64 span = qBound<qint64>(10 * 60 * 1000, end - first, m_history->windowMs());
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(end - span), QDateTime::fromMSecsSinceEpoch(end));
    m_time->setTickCount(span >= m_history->windowMs() ? 7 : 6);
    const bool fullHour = span >= m_history->windowMs();
    if (fullHour != m_showsFullHour) {
        m_showsFullHour = fullHour;
        retranslate();
    }
    const double counts = std::max({m_history->maxOf(History::ActiveChatsColumn),
                                m_history->maxOf(History::OnlineMitrasColumn),
                                m_history->maxOf(History::PendingRequestsColumn)});
    // The interval first: with the old one, a much larger range would get thousands of ticks.
    const double countsMax = niceCeiling(counts, 5);
    m_counts->setTickInterval(countsMax / 5);
    m_counts->setMax(countsMax);
    const double perMitra = qMax(m_history->maxOf(History::AvgCustomersColumn),
                                 m_history->maxOf(History::MaxCustomersColumn));
    const double perMitraMax = niceCeiling(perMitra, 2);
    m_perMitra->setTickInterval(perMitraMax / 5);
    m_perMitra->setMax(perMitraMax);
}

} // namespace hb::ui
