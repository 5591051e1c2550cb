#pragma once

#include "protocol/RequestSummary.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace hb::cc {

// Open pairing requests (oldest first, as the server lists them) with how long each has
// waited. Updated in place from each `requests` list; refreshWaited() re-reports the waited
// column (call it from a timer).
class RequestListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        CustomerColumn,  // customer name
        WaitedColumn,    // time since created_at (server clock), e.g. "1:05"
        OfferedToColumn, // how many mitras have been offered it
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        RequestIdRole = Qt::UserRole + 1, // QString
        CustomerIdRole,                   // QString
        CreatedAtRole,                    // qint64 ms since the epoch
        WaitedMsRole,                     // qint64
        SortRole,                         // raw value of the column
    };
    Q_ENUM(Role)

    explicit RequestListModel(QObject *parent = nullptr);

    void setClockOffsetMs(qint64 offsetMs);
    void applyRequests(const QList<RequestSummary> &openRequests);
    void refreshWaited();
    void clear();

    // The longest wait now, 0 when nothing waits (for the dashboard).
    qint64 longestWaitMs() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    qint64 nowMs() const;

    QList<RequestSummary> m_rows;
    qint64 m_clockOffsetMs = 0;
};

} // namespace hb::cc
