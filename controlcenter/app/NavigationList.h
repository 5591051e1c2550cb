#pragma once

#include <QListWidget>

namespace hb::ui {

// The list of views down the left side of the main window, each with its icon and, where it
// helps, a live count in a pill (open sessions, waiting requests). Counts that need attention
// (someone waiting) are orange.
class NavigationList : public QListWidget
{
    Q_OBJECT

public:
    static constexpr int BadgeRole = Qt::UserRole + 1;     // QString, empty for none
    static constexpr int BadgeAlertRole = Qt::UserRole + 2; // bool

    explicit NavigationList(QWidget *parent = nullptr);

    void setBadge(int row, const QString &text, bool alert = false);
    QSize sizeHint() const override;
};

} // namespace hb::ui
