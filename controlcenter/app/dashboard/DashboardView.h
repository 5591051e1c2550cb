#pragma once

#include "app/ViewPage.h"

#include "protocol/StatsSnapshot.h"

#include <QTimer>
#include <optional>

class QLabel;
class QSplitter;

namespace hb::ui {

class FigureTile;
class HistoryChart;
class LoadChart;

// The live overview: five large figures (active chats, online mitras, pending requests,
// average and maximum customers per mitra), their last hour as lines, and the busiest mitras
// as bars. Everything follows the server's `stats` pushes.
class DashboardView : public ViewPage
{
    Q_OBJECT

public:
    explicit DashboardView(const ViewContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void refresh() override;
    void saveLayout() override;
    void restoreLayout() override;

    FigureTile *activeChatsTile() const { return m_activeChats; }
    FigureTile *onlineMitrasTile() const { return m_onlineMitras; }
    FigureTile *pendingTile() const { return m_pending; }
    FigureTile *avgTile() const { return m_avg; }
    FigureTile *maxTile() const { return m_max; }
    HistoryChart *historyChart() const { return m_history; }
    LoadChart *loadChart() const { return m_load; }

protected:
    void retranslate() override;

private:
    void showStats(const hb::StatsSnapshot &stats);
    void updateDetails();

    FigureTile *m_activeChats;
    FigureTile *m_onlineMitras;
    FigureTile *m_pending;
    FigureTile *m_avg;
    FigureTile *m_max;
    HistoryChart *m_history;
    LoadChart *m_load;
    QSplitter *m_splitter;
    QLabel *m_updated;
    QTimer m_detailTimer;
    std::optional<hb::StatsSnapshot> m_stats;
};

} // namespace hb::ui
