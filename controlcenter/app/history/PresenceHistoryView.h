#pragma once

#include "app/ViewPage.h"

#include <QDate>
#include <QTimer>

class QComboBox;
class QDateEdit;
class QLabel;
class QTableView;
class QToolButton;
class QSortFilterProxyModel;

namespace hb::ui {

class PresenceTimeline;

// One mitra's online intervals on a chosen day: a painted timeline and the list of intervals
// with why each ended. Any mitra id can be typed, so mitras that are offline now (and not in
// the live list) can still be looked up.
class PresenceHistoryView : public ViewPage
{
    Q_OBJECT

public:
    explicit PresenceHistoryView(const ViewContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void refresh() override;
    bool focusFilter() override;
    void saveLayout() override;
    void restoreLayout() override;

    // Shows this mitra (and keeps the chosen day).
    void showMitra(const QString &mitraId);
    void setDay(const QDate &day);
    QString mitraId() const;
    QDate day() const;
    PresenceTimeline *timeline() const { return m_timeline; }
    QTableView *table() const { return m_table; }

protected:
    void retranslate() override;

private:
    void load();
    void updateSummary();

    QLabel *m_mitraLabel;
    QComboBox *m_mitra;
    QSortFilterProxyModel *m_mitraNames;
    QLabel *m_dayLabel;
    QToolButton *m_previous;
    QDateEdit *m_day;
    QToolButton *m_next;
    QToolButton *m_today;
    QLabel *m_heading;
    QLabel *m_summary;
    bool m_loadFailed = false; // the server refused the shown mitra/day (the bar says why)
    PresenceTimeline *m_timeline;
    QTableView *m_table;
    QTimer m_tick; // an open interval grows and "now" moves
};

} // namespace hb::ui
