#pragma once

#include "domain/PresenceInterval.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace hb::cc {

// One mitra's online intervals within a range (normally one day), oldest first, for a
// timeline view. Start/end fractions place each interval within the range, clipped to it, so
// a delegate or chart can draw bars without date arithmetic.
//
// Use: setRange(mitraId, fromMs, toMs) when the user picks a mitra/day (this clears the rows
// and emits historyRequested()), then applyHistory() with the answer. Answers for another
// mitra or range than the current one are ignored. Re-applying the same range updates rows in
// place (an open interval that closed changes only its end).
class PresenceTimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        OnlineAtColumn,  // time the interval began
        OfflineAtColumn, // time it ended, or "still online"
        DurationColumn,  // within the range
        ReasonColumn,    // why it ended (manual, heartbeat timeout, ...)
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        OnlineAtRole = Qt::UserRole + 1, // qint64 ms
        OfflineAtRole,  // qint64 ms, or invalid QVariant while open
        StartFractionRole, // double 0..1: clipped start within [from, to]
        EndFractionRole,   // double 0..1: clipped end (open intervals end at "now" or `to`)
        IsOpenRole,        // bool
        ReasonRole,        // QString: the raw reason ("manual", ...), empty while open
        SortRole,
    };
    Q_ENUM(Role)

    explicit PresenceTimelineModel(QObject *parent = nullptr);

    // Selects what to show; clears the rows if it differs from the current selection.
    void setRange(const QString &mitraId, qint64 fromMs, qint64 toMs);
    QString mitraId() const { return m_mitraId; }
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }

    // The answer to presence.history for (mitraId, fromMs, toMs).
    void applyHistory(const QString &mitraId, qint64 fromMs, qint64 toMs,
                      const QList<PresenceInterval> &intervals);
    // Total online time within the range (open intervals count up to now or `to`).
    qint64 onlineMsInRange() const;
    void setClockOffsetMs(qint64 offsetMs);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void historyRequested(const QString &mitraId, qint64 fromMs, qint64 toMs);

private:
    qint64 clippedStart(const PresenceInterval &interval) const;
    qint64 clippedEnd(const PresenceInterval &interval) const;
    qint64 nowMs() const;

    QString m_mitraId;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    qint64 m_clockOffsetMs = 0;
    QList<PresenceInterval> m_rows;
};

} // namespace hb::cc
