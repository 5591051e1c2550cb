#include "app/NavigationList.h"

#include <QPainter>
#include <QPainterPath>
#include <QStyledItemDelegate>

namespace hb::ui {

namespace {
class NavigationDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(qMax(size.height(), option.fontMetrics.height() + 18));
        return size;
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const QString badge = index.data(NavigationList::BadgeRole).toString();
        QStyleOptionViewItem opt = option;
        const QFontMetrics fm(option.font);
        const int badgeWidth = badge.isEmpty() ? 0 : fm.horizontalAdvance(badge) + 14;
        opt.rect.setRight(opt.rect.right() - (badgeWidth ? badgeWidth + 8 : 0));
        // Selection/hover background across the whole row, the text left of the pill.
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        background.icon = QIcon();
        option.widget->style()->drawControl(QStyle::CE_ItemViewItem, &background, painter,
                                            option.widget);
        QStyleOptionViewItem content = opt;
        initStyleOption(&content, index);
        content.state &= ~(QStyle::State_Selected | QStyle::State_MouseOver | QStyle::State_HasFocus);
        if (option.state & QStyle::State_Selected)
            content.palette.setColor(QPalette::Text,
                                     option.palette.color(QPalette::HighlightedText));
        content.backgroundBrush = Qt::NoBrush;
        option.widget->style()->drawControl(QStyle::CE_ItemViewItem, &content, painter,
                                            option.widget);
        if (badge.isEmpty())
            return;
        const bool alert = index.data(NavigationList::BadgeAlertRole).toBool();
        const QRect pill(option.rect.right() - badgeWidth - 8,
                         option.rect.center().y() - (fm.height() + 4) / 2, badgeWidth,
                         fm.height() + 4);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QPainterPath path;
        path.addRoundedRect(QRectF(pill), pill.height() / 2.0, pill.height() / 2.0);
        painter->fillPath(path, alert ? QColor(0xea, 0x58, 0x0c) : QColor(0xe2, 0xe8, 0xf0));
        painter->setPen(alert ? QColor(Qt::white) : QColor(0x33, 0x41, 0x55));
        painter->drawText(pill, Qt::AlignCenter, badge);
        painter->restore();
    }
};
} // namespace

NavigationList::NavigationList(QWidget *parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("navigation"));
    setItemDelegate(new NavigationDelegate(this));
    setIconSize(QSize(22, 22));
    setSpacing(1);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    setUniformItemSizes(true);
    // The sidebar blends with the window rather than looking like a data list.
    QPalette p = palette();
    p.setColor(QPalette::Base, p.color(QPalette::Window));
    setPalette(p);
}

void NavigationList::setBadge(int row, const QString &text, bool alert)
{
    if (QListWidgetItem *it = item(row)) {
        it->setData(BadgeRole, text);
        it->setData(BadgeAlertRole, alert);
    }
}

QSize NavigationList::sizeHint() const
{
    int width = 0;
    for (int row = 0; row < count(); ++row)
        width = qMax(width, fontMetrics().horizontalAdvance(item(row)->text()));
    // icon + text + room for a 5-digit pill
    return {qMax(180, width + iconSize().width() + fontMetrics().horizontalAdvance(QStringLiteral("00000")) + 48),
            QListWidget::sizeHint().height()};
}

} // namespace hb::ui
