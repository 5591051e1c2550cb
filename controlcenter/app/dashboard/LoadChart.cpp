#include "app/dashboard/LoadChart.h"

#include "core/MitraTableModel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QEvent>
#include <QHorizontalStackedBarSeries>
#include <QLocale>
#include <QValueAxis>
#include <algorithm>

namespace hb::ui {

using Model = hb::cc::MitraTableModel;

LoadChart::LoadChart(Model *mitras, QWidget *parent)
    // The chart is handed to the base: QChartView() would create a default chart that
    // setChart() then releases without deleting (a leak per view).
    : QChartView(new QChart, parent), m_mitras(mitras), m_series(new QHorizontalStackedBarSeries),
      m_serving(new QBarSet(QString())), m_free(new QBarSet(QString())),
      m_over(new QBarSet(QString())), m_names(new QBarCategoryAxis), m_values(new QValueAxis)
{
    setObjectName(QStringLiteral("loadChart"));
    setRenderHint(QPainter::Antialiasing);
    m_serving->setColor(QColor(0x25, 0x63, 0xeb));
    m_serving->setBorderColor(QColor(0x25, 0x63, 0xeb));
    m_free->setColor(QColor(0xe2, 0xe8, 0xf0));
    m_free->setBorderColor(QColor(0xcb, 0xd5, 0xe1));
    m_over->setColor(QColor(0xdc, 0x26, 0x26));
    m_over->setBorderColor(QColor(0xdc, 0x26, 0x26));
    m_series->append({m_serving, m_free, m_over});
    m_series->setBarWidth(0.7);
    QChart *chart = this->chart();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setLocalizeNumbers(true);
    chart->addSeries(m_series);
    chart->addAxis(m_names, Qt::AlignLeft);
    chart->addAxis(m_values, Qt::AlignBottom);
    m_series->attachAxis(m_names);
    m_series->attachAxis(m_values);
    m_values->setLabelFormat(QStringLiteral("%.0f")); // "%d" shows nothing with localized numbers (Qt 6.4)
    m_values->setTickType(QValueAxis::TicksDynamic);
    m_values->setTickAnchor(0);
    m_values->setMin(0);
    chart->legend()->setAlignment(Qt::AlignBottom);

    m_throttle.setSingleShot(true);
    m_throttle.setInterval(1000);
    connect(&m_throttle, &QTimer::timeout, this, &LoadChart::rebuild);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(mitras, signal, this, &LoadChart::scheduleUpdate);
    connect(mitras, &QAbstractItemModel::dataChanged, this, &LoadChart::scheduleUpdate);
    connect(mitras, &QAbstractItemModel::modelReset, this, &LoadChart::scheduleUpdate);
    retranslate();
    rebuild();
}

QStringList LoadChart::categories() const
{
    return m_shown;
}

void LoadChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QChartView::changeEvent(event);
}

void LoadChart::retranslate()
{
    chart()->setLocale(QLocale());
    chart()->setTitle(tr("Busiest mitras"));
    m_serving->setLabel(tr("Customers"));
    m_free->setLabel(tr("Free"));
    m_over->setLabel(tr("Over capacity"));
}

void LoadChart::scheduleUpdate()
{
    if (!m_throttle.isActive())
        m_throttle.start();
}

void LoadChart::rebuild()
{
    struct Entry
    {
        QString name;
        int active;
        int max;
        double load;
    };
    QList<Entry> entries;
    entries.reserve(m_mitras->rowCount());
    for (int row = 0; row < m_mitras->rowCount(); ++row) {
        const auto &m = m_mitras->mitraAt(row);
        if (m.activeSessions == 0 && m.status != hb::PresenceStatus::Online)
            continue;
        const double load = m.maxCustomers > 0 ? double(m.activeSessions) / m.maxCustomers
                                               : (m.activeSessions > 0 ? 2.0 : 0.0);
        entries.append({m.name, m.activeSessions, m.maxCustomers, load});
    }
    const int count = qMin<int>(m_maxBars, int(entries.size()));
    // Busiest first: highest load, then most customers, then name for a stable order.
    std::partial_sort(entries.begin(), entries.begin() + count, entries.end(),
                      [](const Entry &a, const Entry &b) {
                          if (a.load != b.load)
                              return a.load > b.load;
                          if (a.active != b.active)
                              return a.active > b.active;
                          return a.name < b.name;
                      });
    entries.resize(count);

    QStringList names;
    QList<qreal> serving;
    QList<qreal> free;
    QList<qreal> over;
    int top = 1;
    // Horizontal bars are drawn bottom-up: add in reverse so the busiest is on top.
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        QString name = it->name;
        if (name.size() > 18)
            name = name.left(17) + QChar(0x2026);
        // Categories must be unique; two mitras may share a display name.
        while (names.contains(name))
            name += QChar(0x200b);
        names.append(name);
        serving.append(qMin(it->active, it->max));
        free.append(qMax(0, it->max - it->active));
        over.append(qMax(0, it->active - it->max));
        top = qMax(top, qMax(it->active, it->max));
    }
    m_shown.clear();
    for (const Entry &e : entries)
        m_shown.append(e.name);

    m_names->setCategories(names);
    m_serving->remove(0, m_serving->count());
    m_free->remove(0, m_free->count());
    m_over->remove(0, m_over->count());
    m_serving->append(serving);
    m_free->append(free);
    m_over->append(over);
    // Whole customers only: ticks on a round step, never at 1.4.
    const int step = top <= 10 ? 1 : top <= 20 ? 2 : top <= 50 ? 5 : top <= 100 ? 10 : 50;
    m_values->setTickInterval(step); // before the range: see HistoryChart::updateAxes
    m_values->setRange(0, ((top + step - 1) / step) * step);
}

} // namespace hb::ui
