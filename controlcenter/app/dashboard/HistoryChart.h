#pragma once

#include <QChartView>
#include <QList>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace hb::cc {
class DashboardHistory;
}

namespace hb::ui {

// The dashboard's figures over the last hour as lines: counts (active chats, online mitras,
// pending requests) on the left axis, customers per mitra (average, maximum) on the right one,
// so the small per-mitra numbers are not flattened by the large counts. The lines are mapped
// straight from DashboardHistory (QVXYModelMapper): samples added and dropped by the model move
// the lines without rebuilding them.
class HistoryChart : public QChartView
{
    Q_OBJECT

public:
    explicit HistoryChart(hb::cc::DashboardHistory *history, QWidget *parent = nullptr);

    void retranslate();
    QLineSeries *series(int column) const; // by DashboardHistory column, for tests
    QValueAxis *countsAxis() const { return m_counts; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateAxes();

    hb::cc::DashboardHistory *m_history;
    QList<QLineSeries *> m_series; // index = column - 1
    QDateTimeAxis *m_time;
    QValueAxis *m_counts;
    QValueAxis *m_perMitra;
    bool m_showsFullHour = false;
};

} // namespace hb::ui
