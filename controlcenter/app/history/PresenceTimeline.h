#pragma once

#include <QWidget>

class QAbstractItemModel;

namespace hb::ui {

// A day of one mitra's presence drawn as a strip: hours along the top, a green bar for each
// online interval, a coloured cap where it ended (red forced, amber heartbeat timeout, blue
// server restart, grey by hand), and a line at "now". Hovering a bar tells its times; clicking
// selects it. Reads PresenceTimelineModel rows (fractions of the range), so it needs no date
// arithmetic beyond the hour marks.
class PresenceTimeline : public QWidget
{
    Q_OBJECT

public:
    explicit PresenceTimeline(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    // The range the model's fractions refer to, and the server clock offset for "now".
    void setRange(qint64 fromMs, qint64 toMs);
    void setClockOffsetMs(qint64 offsetMs) { m_clockOffsetMs = offsetMs; update(); }
    void setSelectedRow(int row);
    int selectedRow() const { return m_selected; }

    // The interval under a point of the widget, -1 for none (public for tests).
    int rowAt(const QPoint &pos) const;
    QRect laneRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static QColor reasonColor(const QString &reason);

signals:
    void rowClicked(int row);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF barRect(int row) const;
    QString describe(int row) const;

    QAbstractItemModel *m_model = nullptr;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    qint64 m_clockOffsetMs = 0;
    int m_hovered = -1;
    int m_selected = -1;
};

} // namespace hb::ui
