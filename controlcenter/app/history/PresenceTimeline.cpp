#include "app/history/PresenceTimeline.h"

#include "app/Format.h"
#include "core/PresenceTimelineModel.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace hb::ui {

using TimelineModel = hb::cc::PresenceTimelineModel;

namespace {
constexpr int kMargin = 12;
constexpr int kAxisHeight = 22;
constexpr int kLaneHeight = 44;
constexpr int kLegendHeight = 24;
const QColor kOnline(0x16, 0xa3, 0x4a);
const QColor kOnlineOpen(0x4a, 0xde, 0x80);
} // namespace

PresenceTimeline::PresenceTimeline(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("presenceTimeline"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFocusPolicy(Qt::StrongFocus);
}

void PresenceTimeline::setModel(QAbstractItemModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    const auto repaint = [this] {
        m_hovered = -1;
        update();
    };
    connect(model, &QAbstractItemModel::modelReset, this, repaint);
    connect(model, &QAbstractItemModel::rowsInserted, this, repaint);
    connect(model, &QAbstractItemModel::rowsRemoved, this, repaint);
    connect(model, &QAbstractItemModel::dataChanged, this, qOverload<>(&QWidget::update));
    update();
}

void PresenceTimeline::setRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_selected = -1;
    update();
}

void PresenceTimeline::setSelectedRow(int row)
{
    if (row == m_selected)
        return;
    m_selected = row;
    update();
}

QSize PresenceTimeline::sizeHint() const
{
    return {720, kMargin + kAxisHeight + kLaneHeight + kLegendHeight + kMargin};
}

QSize PresenceTimeline::minimumSizeHint() const
{
    return {360, sizeHint().height()};
}

QColor PresenceTimeline::reasonColor(const QString &reason)
{
    if (reason == QLatin1String("forced"))
        return QColor(0xdc, 0x26, 0x26);
    if (reason == QLatin1String("heartbeat_timeout"))
        return QColor(0xf5, 0x9e, 0x0b);
    if (reason == QLatin1String("server_shutdown") || reason == QLatin1String("reconciled"))
        return QColor(0x25, 0x63, 0xeb);
    return QColor(0x64, 0x74, 0x8b); // manual
}

QRect PresenceTimeline::laneRect() const
{
    return {kMargin, kMargin + kAxisHeight, width() - 2 * kMargin, kLaneHeight};
}

QRectF PresenceTimeline::barRect(int row) const
{
    const QRect lane = laneRect();
    const double start = m_model->index(row, 0).data(TimelineModel::StartFractionRole).toDouble();
    const double end = m_model->index(row, 0).data(TimelineModel::EndFractionRole).toDouble();
    const double left = lane.left() + start * lane.width();
    // Even a blip of a few seconds gets a few pixels, or it would vanish (and be unhoverable).
    const double right = qMax(left + 4.0, lane.left() + end * lane.width());
    return QRectF(left, lane.top() + 6, right - left, lane.height() - 12);
}

int PresenceTimeline::rowAt(const QPoint &pos) const
{
    if (!m_model)
        return -1;
    for (int row = m_model->rowCount() - 1; row >= 0; --row) {
        if (barRect(row).adjusted(-2, -4, 2, 4).contains(pos))
            return row;
    }
    return -1;
}

QString PresenceTimeline::describe(int row) const
{
    const QModelIndex index = m_model->index(row, 0);
    const qint64 now = QDateTime::currentMSecsSinceEpoch() + m_clockOffsetMs;
    const qint64 on = index.data(TimelineModel::OnlineAtRole).toLongLong();
    const QVariant off = index.data(TimelineModel::OfflineAtRole);
    const QString from = Format::clockTime(on, now);
    if (!off.isValid())
        return tr("Online since %1 (%2), still online")
            .arg(from, Format::duration(now - on));
    const QString reason =
        m_model->index(row, TimelineModel::ReasonColumn).data(Qt::DisplayRole).toString();
    return tr("Online %1 – %2 (%3)\nEnded: %4")
        .arg(from, Format::clockTime(off.toLongLong(), now),
             Format::duration(off.toLongLong() - on), reason);
}

void PresenceTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect lane = laneRect();
    const QPalette pal = palette();

    // Lane background: offline is the default state.
    QPainterPath lanePath;
    lanePath.addRoundedRect(QRectF(lane), 6, 6);
    p.fillPath(lanePath, pal.color(QPalette::AlternateBase));
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.drawPath(lanePath);

    // Hour marks, in local time: every hour a tick, labels every 2 or 3 hours as space allows.
    const qint64 span = m_toMs - m_fromMs;
    if (span > 0) {
        const QFontMetrics fm(font());
        const int labelWidth = fm.horizontalAdvance(QStringLiteral("00:00")) + 10;
        const int hours = int(span / 3600000);
        int every = 12;
        for (const int candidate : {1, 2, 3, 4, 6, 12}) {
            if ((hours / candidate + 1) * labelWidth <= lane.width()) {
                every = candidate;
                break;
            }
        }
        QDateTime hour = QDateTime::fromMSecsSinceEpoch(m_fromMs).toLocalTime();
        hour.setTime(QTime(hour.time().hour(), 0));
        if (hour.toMSecsSinceEpoch() < m_fromMs)
            hour = hour.addSecs(3600);
        for (; hour.toMSecsSinceEpoch() <= m_toMs; hour = hour.addSecs(3600)) {
            const double x =
                lane.left() + double(hour.toMSecsSinceEpoch() - m_fromMs) / span * lane.width();
            const int h = hour.time().hour();
            const bool labelled = h % every == 0;
            p.setPen(QPen(pal.color(QPalette::Mid), 1, labelled ? Qt::SolidLine : Qt::DotLine));
            p.drawLine(QPointF(x, lane.top() - (labelled ? 5 : 2)), QPointF(x, lane.bottom()));
            if (labelled) {
                p.setPen(pal.color(QPalette::PlaceholderText));
                const QString text = QStringLiteral("%1:00").arg(h, 2, 10, QLatin1Char('0'));
                QRectF box(x - labelWidth / 2.0, kMargin, labelWidth, kAxisHeight - 6);
                if (box.left() < 0)
                    box.moveLeft(0);
                if (box.right() > width())
                    box.moveRight(width() - 1);
                p.drawText(box, Qt::AlignCenter, text);
            }
        }
    }

    // Online intervals.
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row, 0);
            const bool open = index.data(TimelineModel::IsOpenRole).toBool();
            const QRectF bar = barRect(row);
            QPainterPath path;
            path.addRoundedRect(bar, 4, 4);
            QColor fill = open ? kOnlineOpen : kOnline;
            if (row == m_hovered)
                fill = fill.lighter(115);
            p.fillPath(path, fill);
            if (row == m_selected) {
                p.setPen(QPen(pal.color(QPalette::Highlight), 2.5));
                p.drawPath(path);
            }
            if (!open && bar.width() >= 4) {
                // The end cap says why it ended.
                const QColor cap = reasonColor(index.data(TimelineModel::ReasonRole).toString());
                p.fillRect(QRectF(bar.right() - 3, bar.top(), 3, bar.height()), cap);
            }
        }
    }

    // Now.
    const qint64 now = QDateTime::currentMSecsSinceEpoch() + m_clockOffsetMs;
    if (span > 0 && now > m_fromMs && now < m_toMs) {
        const double x = lane.left() + double(now - m_fromMs) / span * lane.width();
        p.setPen(QPen(QColor(0x1d, 0x4e, 0xd8), 1.5, Qt::DashLine));
        p.drawLine(QPointF(x, lane.top() - 4), QPointF(x, lane.bottom() + 4));
    }

    // Legend.
    struct Item
    {
        QColor color;
        QString text;
    };
    const Item legend[] = {
        {kOnline, tr("online")},
        {reasonColor(QStringLiteral("manual")), tr("went offline")},
        {reasonColor(QStringLiteral("heartbeat_timeout")), tr("connection lost")},
        {reasonColor(QStringLiteral("forced")), tr("forced offline")},
        {reasonColor(QStringLiteral("server_shutdown")), tr("server restart")},
        {QColor(0x1d, 0x4e, 0xd8), tr("now")},
    };
    int x = lane.left();
    const int y = lane.bottom() + 8;
    const QFontMetrics fm(font());
    for (const Item &item : legend) {
        p.fillRect(QRect(x, y + (fm.height() - 10) / 2, 10, 10), item.color);
        x += 14;
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(x, y, fm.horizontalAdvance(item.text) + 4, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, item.text);
        x += fm.horizontalAdvance(item.text) + 16;
    }
}

void PresenceTimeline::mouseMoveEvent(QMouseEvent *event)
{
    const int row = rowAt(event->position().toPoint());
    if (row != m_hovered) {
        m_hovered = row;
        setCursor(row >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void PresenceTimeline::mousePressEvent(QMouseEvent *event)
{
    const int row = rowAt(event->position().toPoint());
    if (row >= 0) {
        setSelectedRow(row);
        emit rowClicked(row);
    }
    QWidget::mousePressEvent(event);
}

void PresenceTimeline::leaveEvent(QEvent *event)
{
    m_hovered = -1;
    update();
    QWidget::leaveEvent(event);
}

bool PresenceTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), describe(row), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace hb::ui
