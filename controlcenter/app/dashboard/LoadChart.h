#pragma once

#include <QChartView>
#include <QTimer>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;

namespace hb::cc {
class MitraTableModel;
}

namespace hb::ui {

// The busiest mitras as horizontal bars: the customers each serves, the room left up to its
// capacity, and (in red) how far it is over. Only the top few fit on a screen, so it picks
// them by load from the mitra table; it redraws at most once a second however often stats come.
class LoadChart : public QChartView
{
    Q_OBJECT

public:
    explicit LoadChart(hb::cc::MitraTableModel *mitras, QWidget *parent = nullptr);

    void setMaxBars(int bars) { m_maxBars = bars; scheduleUpdate(); }
    void retranslate();
    QStringList categories() const; // the names shown, busiest first (for tests)

protected:
    void changeEvent(QEvent *event) override;

private:
    void scheduleUpdate();
    void rebuild();

    hb::cc::MitraTableModel *m_mitras;
    QHorizontalStackedBarSeries *m_series;
    QBarSet *m_serving;
    QBarSet *m_free;
    QBarSet *m_over;
    QBarCategoryAxis *m_names;
    QValueAxis *m_values;
    QTimer m_throttle;
    int m_maxBars = 10;
    QStringList m_shown;
};

} // namespace hb::ui
