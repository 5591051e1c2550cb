#include "app/dashboard/DashboardView.h"

#include "app/AppSettings.h"
#include "app/Format.h"
#include "app/Icons.h"
#include "app/MessageBar.h"
#include "app/dashboard/FigureTile.h"
#include "app/dashboard/HistoryChart.h"
#include "app/dashboard/LoadChart.h"
#include "core/ControlClient.h"
#include "core/DashboardHistory.h"
#include "core/LiveModels.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QVBoxLayout>

namespace hb::ui {

DashboardView::DashboardView(const ViewContext &context, QWidget *parent)
    : ViewPage(context, parent), m_activeChats(new FigureTile(QColor(0x25, 0x63, 0xeb), this)),
      m_onlineMitras(new FigureTile(QColor(0x16, 0xa3, 0x4a), this)),
      m_pending(new FigureTile(QColor(0xea, 0x58, 0x0c), this)),
      m_avg(new FigureTile(QColor(0x7c, 0x3a, 0xed), this)),
      m_max(new FigureTile(QColor(0xdb, 0x27, 0x77), this)),
      m_history(new HistoryChart(context.models->history(), this)),
      m_load(new LoadChart(context.models->mitras(), this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)), m_updated(new QLabel(this))
{
    setObjectName(QStringLiteral("dashboardView"));
    m_activeChats->setObjectName(QStringLiteral("activeChatsTile"));
    m_onlineMitras->setObjectName(QStringLiteral("onlineMitrasTile"));
    m_pending->setObjectName(QStringLiteral("pendingTile"));
    m_avg->setObjectName(QStringLiteral("avgTile"));
    m_max->setObjectName(QStringLiteral("maxTile"));

    auto *tiles = new QHBoxLayout;
    tiles->setSpacing(10);
    for (FigureTile *tile : {m_activeChats, m_onlineMitras, m_pending, m_avg, m_max})
        tiles->addWidget(tile);

    m_splitter->addWidget(m_history);
    m_splitter->addWidget(m_load);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    m_updated->setForegroundRole(QPalette::PlaceholderText);
    m_updated->setAlignment(Qt::AlignRight);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(tiles);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_updated);

    connect(m_context.client, &hb::cc::ControlClient::statsReceived, this,
            &DashboardView::showStats);
    // "longest wait" and "updated 5 s ago" move on between pushes.
    m_detailTimer.setInterval(1000);
    connect(&m_detailTimer, &QTimer::timeout, this, &DashboardView::updateDetails);
    m_detailTimer.start();

    retranslate();
    if (const auto stats = m_context.client->lastStats())
        showStats(*stats);
}

QString DashboardView::title() const
{
    return tr("Dashboard");
}

QIcon DashboardView::icon() const
{
    return icons::get(QStringLiteral("view-dashboard"));
}

void DashboardView::refresh()
{
    m_context.client->refreshLists();
}

void DashboardView::saveLayout()
{
    m_context.settings->saveSplitter(QStringLiteral("dashboard"), m_splitter);
}

void DashboardView::restoreLayout()
{
    m_context.settings->restoreSplitter(QStringLiteral("dashboard"), m_splitter);
}

void DashboardView::showStats(const hb::StatsSnapshot &stats)
{
    m_stats = stats;
    const QLocale locale;
    m_activeChats->setValue(locale.toString(stats.activeChats));
    m_onlineMitras->setValue(locale.toString(stats.activeMitras));
    m_pending->setValue(locale.toString(stats.pendingRequests));
    const auto sample = hb::cc::DashboardHistory::Sample::from(stats, stats.atMs);
    m_avg->setValue(locale.toString(sample.avgCustomersPerMitra, 'f', 1));
    m_max->setValue(locale.toString(sample.maxCustomersPerMitra));
    updateDetails();
}

void DashboardView::updateDetails()
{
    if (!m_stats) {
        m_updated->setText(tr("Waiting for the first figures from the server…"));
        return;
    }
    const hb::StatsSnapshot &stats = *m_stats;
    int awayServing = 0;
    int overCapacity = 0;
    const hb::MitraStats *busiest = nullptr;
    for (const auto &m : stats.mitras) {
        if (m.status != hb::PresenceStatus::Online && m.activeSessions > 0)
            ++awayServing;
        if (m.overCapacity())
            ++overCapacity;
        if (!busiest || m.activeSessions > busiest->activeSessions)
            busiest = &m;
    }
    m_activeChats->setDetail(
        overCapacity > 0 ? tr("%n mitra(s) over capacity", nullptr, overCapacity)
                         : tr("all mitras within capacity"));
    m_onlineMitras->setDetail(awayServing > 0
                                  ? tr("+ %n offline, still serving", nullptr, awayServing)
                                  : tr("none offline with customers"));
    const qint64 longest = m_context.models->requests()->longestWaitMs();
    m_pending->setDetail(stats.pendingRequests > 0 && longest > 0
                             ? tr("longest wait %1").arg(Format::duration(longest))
                             : tr("nobody waiting"));
    m_avg->setDetail(tr("default capacity %1").arg(stats.defaultMaxCustomers));
    m_max->setDetail(busiest && busiest->activeSessions > 0 ? busiest->name : tr("no sessions"));

    const qint64 now = QDateTime::currentMSecsSinceEpoch() + m_context.client->serverClockOffsetMs();
    m_updated->setText(isConnected()
                           ? tr("Live. Last change %1 ago.").arg(Format::duration(now - stats.atMs))
                           : tr("Not live: figures from %1.")
                                 .arg(Format::clockTime(stats.atMs, now)));
}

void DashboardView::retranslate()
{
    m_activeChats->setCaption(tr("Active chats"));
    m_onlineMitras->setCaption(tr("Online mitras"));
    m_pending->setCaption(tr("Pending requests"));
    m_avg->setCaption(tr("Avg customers per mitra"));
    m_max->setCaption(tr("Max customers per mitra"));
    updateDetails();
}

} // namespace hb::ui
