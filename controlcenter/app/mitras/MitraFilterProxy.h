#pragma once

#include <QCollator>
#include <QSortFilterProxyModel>
#include <QString>
#include <optional>

namespace hb::ui {

// Sorts and filters the mitra table (MitraTableModel) and adds what only a screen needs:
// status dots, the over-capacity highlight, "since 14:05 (2 h)" texts and tooltips. Sorting uses
// the model's raw SortRole values, so "2 h" sorts after "45 min".
class MitraFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class StatusFilter { All, Online, Offline, OverCapacity, OwnCapacity };
    Q_ENUM(StatusFilter)

    explicit MitraFilterProxy(QObject *parent = nullptr);

    // Matches the name or the id, ignoring case; words must all match ("sari jkt").
    void setText(const QString &text);
    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_status; }

    // The global default, for "default (3)" texts; empty when the server did not say.
    void setDefaultCapacity(std::optional<int> capacity);
    // Server clock offset, so "since" texts agree with the server's times.
    void setClockOffsetMs(qint64 offsetMs) { m_clockOffsetMs = offsetMs; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    // Names sort as people read them: "Mitra 2" before "Mitra 10".
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QCollator m_collator;
    QStringList m_words;
    StatusFilter m_status = StatusFilter::All;
    std::optional<int> m_defaultCapacity;
    qint64 m_clockOffsetMs = 0;
};

} // namespace hb::ui
