#pragma once

#include <QStyledItemDelegate>

namespace hb::ui {

// Paints "open / capacity" with a thin load bar under it (green, amber from 80 %, red when
// over), so a long table shows at a glance who is busy. Reads the counts from roles given at
// construction, so it serves the mitra table and the session board alike.
class LoadBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    LoadBarDelegate(int activeRole, int maxRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // Also used by the dashboard's bar chart, so both agree on what "busy" looks like.
    static QColor colorFor(int active, int max);

private:
    int m_activeRole;
    int m_maxRole;
};

} // namespace hb::ui
