#pragma once

#include "protocol/ServerMessageParser.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <optional>

namespace hb::cc {

// The audit log, newest first, paged: the first page comes from reload(), older pages from
// fetchMore() (views call it when scrolled to the end). The model does no I/O: it emits
// pageRequested() and expects applyPage() with the answer (LiveModels wires this to the client).
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        ActorColumn,   // staff name, "command line", or empty for anonymous
        ActionColumn,  // e.g. capacity_set
        TargetColumn,  // mitra, session, username...
        DetailsColumn, // before -> after, compact
        AddressColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        EntryIdRole = Qt::UserRole + 1, // qint64
        AtRole,                         // qint64 ms
        ActionRole,                     // QString raw action
        ActorIdRole,                    // QString, empty for anonymous
        BeforeRole,                     // QJsonValue
        AfterRole,                      // QJsonValue
        SortRole,
    };
    Q_ENUM(Role)

    explicit AuditLogModel(QObject *parent = nullptr);

    void setPageSize(int entries); // 1..1000, default 100
    int pageSize() const { return m_pageSize; }

    // Only entries with this action (empty: all). Changing it reloads.
    void setActionFilter(const QString &action);
    QString actionFilter() const { return m_action; }

    // Asks for the newest page again: new entries are inserted at the top, the rest kept.
    void reload();
    // The answer to a page this model asked for (`beforeId` as in pageRequested()).
    void applyPage(std::optional<qint64> beforeId, const QString &action,
                   const servermsg::Audit &page);
    // The request for a page failed: allows asking again.
    void pageFailed(std::optional<qint64> beforeId, const QString &action);
    bool isLoading() const { return m_loadingNewest || m_loadingOlder; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    // beforeId empty: the newest page.
    void pageRequested(std::optional<qint64> beforeId, const QString &action, int limit);

private:
    void request(std::optional<qint64> beforeId);

    QList<AuditEntry> m_rows;
    QString m_action;
    int m_pageSize = 100;
    bool m_more = false;    // older entries exist beyond the last row
    bool m_loaded = false;  // the first page arrived
    // One request of each kind at a time: a reload is not held up by an older page in flight.
    bool m_loadingNewest = false;
    bool m_loadingOlder = false;
};

} // namespace hb::cc
