#include "app/dashboard/HistoryChart.h"

#include "core/DashboardHistory.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
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
    : QChartView(parent), m_history(history), m_time(new QDateTimeAxis),
      m_counts(new QValueAxis), m_perMitra(new QValueAxis)
{
    setObjectName(QStringLiteral("historyChart"));
    setRenderHint(QPainter::Antialiasing);
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation); // live data: animations only lag behind
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_counts, Qt::AlignLeft);
    chart->addAxis(m_perMitra, Qt::AlignRight);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTickCount(7); // every 10 minutes over the hour
    m_counts->setLabelFormat(QStringLiteral("%d"));
    m_counts->setMin(0);
    m_perMitra->setLabelFormat(QStringLiteral("%.1f"));
    m_perMitra->setMin(0);
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
    setChart(chart);
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
    chart()->setTitle(tr("The last hour"));
    m_series.at(0)->setName(tr("Active chats"));
    m_series.at(1)->setName(tr("Online mitras"));
    m_series.at(2)->setName(tr("Pending requests"));
    m_series.at(3)->setName(tr("Avg customers per mitra (right axis)"));
    m_series.at(4)->setName(tr("Max customers per mitra (right axis)"));
    m_counts->setTitleText(tr("Count"));
    m_perMitra->setTitleText(tr("Customers per mitra"));
}

void HistoryChart::updateAxes()
{
    const auto latest = m_history->latest();
    const qint64 end = latest ? latest->atMs : QDateTime::currentMSecsSinceEpoch();
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(end - m_history->windowMs()),
                     QDateTime::fromMSecsSinceEpoch(end));
    const double counts = std::max({m_history->maxOf(History::ActiveChatsColumn),
                                m_history->maxOf(History::OnlineMitrasColumn),
                                m_history->maxOf(History::PendingRequestsColumn)});
    m_counts->setMax(niceCeiling(counts, 5));
    const double perMitra = qMax(m_history->maxOf(History::AvgCustomersColumn),
                                 m_history->maxOf(History::MaxCustomersColumn));
    m_perMitra->setMax(niceCeiling(perMitra, 2));
}

} // namespace hb::ui
