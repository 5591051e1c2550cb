#include "app/mitras/MitraFilterProxy.h"

#include "app/Format.h"
#include "app/Icons.h"
#include "core/MitraTableModel.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>

namespace hb::ui {

using Model = hb::cc::MitraTableModel;

MitraFilterProxy::MitraFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Model::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    // Rows change with every stats push; keep the chosen order and filter while they do.
    setDynamicSortFilter(true);
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

bool MitraFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString)
        return m_collator.compare(a.toString(), b.toString()) < 0;
    return QSortFilterProxyModel::lessThan(left, right);
}

void MitraFilterProxy::setText(const QString &text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

void MitraFilterProxy::setStatusFilter(StatusFilter filter)
{
    if (filter == m_status)
        return;
    m_status = filter;
    invalidateRowsFilter();
}

void MitraFilterProxy::setDefaultCapacity(std::optional<int> capacity)
{
    if (capacity == m_defaultCapacity)
        return;
    m_defaultCapacity = capacity;
    if (rowCount() > 0)
        emit dataChanged(index(0, Model::MaxCustomersColumn),
                         index(rowCount() - 1, Model::CapacitySourceColumn));
}

bool MitraFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex source = sourceModel()->index(sourceRow, 0, sourceParent);
    switch (m_status) {
    case StatusFilter::All:
        break;
    case StatusFilter::Online:
        if (!source.data(Model::OnlineRole).toBool())
            return false;
        break;
    case StatusFilter::Offline:
        if (source.data(Model::OnlineRole).toBool())
            return false;
        break;
    case StatusFilter::OverCapacity:
        if (!source.data(Model::OverCapacityRole).toBool())
            return false;
        break;
    case StatusFilter::OwnCapacity:
        if (!source.data(Model::HasOverrideRole).toBool())
            return false;
        break;
    }
    if (m_words.isEmpty())
        return true;
    const QString name = source.data(Qt::DisplayRole).toString();
    const QString id = source.data(Model::MitraIdRole).toString();
    for (const QString &word : m_words) {
        if (!name.contains(word, Qt::CaseInsensitive) && !id.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

QVariant MitraFilterProxy::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int column = index.column();
    const bool over = QSortFilterProxyModel::data(index, Model::OverCapacityRole).toBool();
    switch (role) {
    case Qt::DecorationRole:
        if (column == Model::NameColumn) {
            if (over)
                return icons::overCapacity();
            return QSortFilterProxyModel::data(index, Model::OnlineRole).toBool() ? icons::online()
                                                                                  : icons::offline();
        }
        break;
    case Qt::BackgroundRole:
        if (over)
            return QBrush(QColor(0xfe, 0xe2, 0xe2));
        break;
    case Qt::ForegroundRole:
        if (over && (column == Model::ActiveSessionsColumn || column == Model::NameColumn))
            return QBrush(QColor(0x99, 0x1b, 0x1b));
        break;
    case Qt::FontRole:
        if (over && column == Model::ActiveSessionsColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        if (column == Model::ActiveSessionsColumn || column == Model::MaxCustomersColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::DisplayRole:
        if (column == Model::StatusSinceColumn) {
            const QVariant since = QSortFilterProxyModel::data(index, Model::StatusSinceRole);
            if (!since.isValid())
                return tr("unknown");
            const qint64 now = QDateTime::currentMSecsSinceEpoch() + m_clockOffsetMs;
            return Format::since(since.toLongLong(), now);
        }
        if (column == Model::CapacitySourceColumn) {
            if (QSortFilterProxyModel::data(index, Model::HasOverrideRole).toBool())
                return tr("own setting");
            return m_defaultCapacity ? tr("default (%1)").arg(*m_defaultCapacity) : tr("default");
        }
        break;
    case Qt::ToolTipRole: {
        const QString name = QSortFilterProxyModel::data(index.siblingAtColumn(Model::NameColumn),
                                                         Qt::DisplayRole)
                                 .toString();
        const QString id = QSortFilterProxyModel::data(index, Model::MitraIdRole).toString();
        const int active = QSortFilterProxyModel::data(index, Model::ActiveSessionsRole).toInt();
        const int max = QSortFilterProxyModel::data(index, Model::MaxCustomersRole).toInt();
        QString tip = tr("%1 (id %2): %3 of %4 customers").arg(name, id).arg(active).arg(max);
        if (over)
            tip += QLatin1Char('\n')
                   + tr("Over capacity: serves more customers than allowed since the capacity was "
                        "lowered. Gets no new customers until below it; running sessions are "
                        "not moved.");
        if (column == Model::StatusSinceColumn
            && !QSortFilterProxyModel::data(index, Model::StatusSinceRole).isValid())
            tip += QLatin1Char('\n')
                   + tr("The server does not know since when (its live state was rebuilt).");
        return tip;
    }
    default:
        break;
    }
    return QSortFilterProxyModel::data(index, role);
}

} // namespace hb::ui
