#include "app/mitras/LoadBarDelegate.h"

#include <QApplication>
#include <QPainter>

namespace hb::ui {

LoadBarDelegate::LoadBarDelegate(int activeRole, int maxRole, QObject *parent)
    : QStyledItemDelegate(parent), m_activeRole(activeRole), m_maxRole(maxRole)
{
}

QColor LoadBarDelegate::colorFor(int active, int max)
{
    if (active > max)
        return QColor(0xdc, 0x26, 0x26);
    if (max > 0 && active * 5 >= max * 4)
        return QColor(0xf5, 0x9e, 0x0b);
    return QColor(0x16, 0xa3, 0x4a);
}

void LoadBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const QVariant activeValue = index.data(m_activeRole);
    const QVariant maxValue = index.data(m_maxRole);
    if (!activeValue.isValid() || !maxValue.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const int active = activeValue.toInt();
    const int max = maxValue.toInt();

    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text = tr("%1 / %2").arg(active).arg(max);
    opt.displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const double fraction = max > 0 ? qMin(1.0, double(active) / max) : (active > 0 ? 1.0 : 0.0);
    const QRect track = option.rect.adjusted(6, option.rect.height() - 5, -6, -2);
    if (track.width() <= 0)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0xe2, 0xe8, 0xf0));
    painter->drawRoundedRect(track, 1.5, 1.5);
    QRect filled = track;
    filled.setWidth(qRound(track.width() * fraction));
    painter->setBrush(colorFor(active, max));
    if (filled.width() > 0)
        painter->drawRoundedRect(filled, 1.5, 1.5);
    painter->restore();
}

} // namespace hb::ui
