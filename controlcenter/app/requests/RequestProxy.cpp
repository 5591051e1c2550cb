#include "app/requests/RequestProxy.h"

#include "core/RequestListModel.h"

#include <QBrush>
#include <QFont>

namespace hb::ui {

using RequestModel = hb::cc::RequestListModel;

RequestProxy::RequestProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RequestModel::SortRole);
    setDynamicSortFilter(true);
}

void RequestProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

bool RequestProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex source = sourceModel()->index(sourceRow, 0, sourceParent);
    return source.data().toString().contains(m_text, Qt::CaseInsensitive)
           || source.data(RequestModel::CustomerIdRole).toString().contains(m_text, Qt::CaseInsensitive)
           || source.data(RequestModel::RequestIdRole).toString().contains(m_text, Qt::CaseInsensitive);
}

QVariant RequestProxy::data(const QModelIndex &index, int role) const
{
    if (index.column() == RequestModel::WaitedColumn
        && (role == Qt::ForegroundRole || role == Qt::FontRole)) {
        const qint64 waited = QSortFilterProxyModel::data(index, RequestModel::WaitedMsRole).toLongLong();
        if (waited < kLongWaitMs)
            return {};
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return QBrush(waited >= kVeryLongWaitMs ? QColor(0xb9, 0x1c, 0x1c) : QColor(0xb4, 0x53, 0x09));
    }
    if (role == Qt::ToolTipRole)
        return tr("Request %1 (customer id %2)")
            .arg(QSortFilterProxyModel::data(index, RequestModel::RequestIdRole).toString(),
                 QSortFilterProxyModel::data(index, RequestModel::CustomerIdRole).toString());
    return QSortFilterProxyModel::data(index, role);
}

} // namespace hb::ui
