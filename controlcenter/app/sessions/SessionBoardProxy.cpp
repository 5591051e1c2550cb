#include "app/sessions/SessionBoardProxy.h"

#include "app/Icons.h"
#include "core/SessionBoardModel.h"

#include <QBrush>
#include <QFont>

namespace hb::ui {

using Board = hb::cc::SessionBoardModel;

namespace {
bool isSession(const QModelIndex &index)
{
    return index.data(Board::KindRole).toInt() == int(Board::RowKind::Session);
}
} // namespace

SessionBoardProxy::SessionBoardProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Board::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    m_flashTimer.setSingleShot(true);
    m_flashTimer.setInterval(2500);
    connect(&m_flashTimer, &QTimer::timeout, this, [this] {
        const QString id = m_flash;
        m_flash.clear();
        emitRowChanged(id);
    });
}

void SessionBoardProxy::setText(const QString &text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

void SessionBoardProxy::setScope(Scope scope)
{
    if (scope == m_scope)
        return;
    m_scope = scope;
    invalidateRowsFilter();
}

void SessionBoardProxy::flash(const QString &sessionId)
{
    const QString previous = m_flash;
    m_flash = sessionId;
    emitRowChanged(previous);
    emitRowChanged(sessionId);
    m_flashTimer.start();
}

void SessionBoardProxy::emitRowChanged(const QString &sessionId)
{
    auto *board = qobject_cast<Board *>(sourceModel());
    if (!board || sessionId.isEmpty())
        return;
    const QModelIndex first = mapFromSource(board->sessionIndex(sessionId, 0));
    if (first.isValid())
        emit dataChanged(first, first.siblingAtColumn(columnCount(first.parent()) - 1));
}

bool SessionBoardProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == Board::NameColumn && isSession(left) && isSession(right)) {
        const qint64 a = left.data(Board::StartedAtRole).toLongLong();
        const qint64 b = right.data(Board::StartedAtRole).toLongLong();
        // Oldest first whichever way the column is sorted.
        return sortOrder() == Qt::AscendingOrder ? a < b : a > b;
    }
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString)
        return m_collator.compare(a.toString(), b.toString()) < 0;
    return QSortFilterProxyModel::lessThan(left, right);
}

bool SessionBoardProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex source = sourceModel()->index(sourceRow, 0, sourceParent);
    const bool session = isSession(source);
    if (!session) {
        if (m_scope == Scope::WithSessions && sourceModel()->rowCount(source) == 0)
            return false;
        if (m_scope == Scope::Online && !source.data(Board::OnlineRole).toBool())
            return false;
    } else if (m_words.isEmpty()) {
        return true;
    }
    if (m_words.isEmpty())
        return true;
    QStringList haystack{source.data(Qt::DisplayRole).toString()};
    if (session) {
        haystack << source.data(Board::CustomerIdRole).toString()
                 << source.data(Board::SessionIdRole).toString();
    } else {
        haystack << source.data(Board::MitraIdRole).toString();
    }
    for (const QString &word : m_words) {
        bool found = false;
        for (const QString &text : std::as_const(haystack))
            found = found || text.contains(word, Qt::CaseInsensitive);
        if (!found)
            return false;
    }
    return true;
}

QVariant SessionBoardProxy::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    // Not isSession(index): that asks this very function again.
    const bool session = QSortFilterProxyModel::data(index, Board::KindRole).toInt()
                         == int(Board::RowKind::Session);
    const int column = index.column();
    switch (role) {
    case Qt::DecorationRole:
        if (column == Board::NameColumn) {
            if (session) {
                // The board sorts awaiting payment (0) before active (1).
                const bool awaiting = QSortFilterProxyModel::data(
                                          index.siblingAtColumn(Board::StateColumn), Board::SortRole)
                                          .toInt()
                                      == 0;
                return awaiting ? icons::get(QStringLiteral("session-awaiting-payment"))
                                : icons::get(QStringLiteral("session-active"));
            }
            if (QSortFilterProxyModel::data(index, Board::OverCapacityRole).toBool())
                return icons::overCapacity();
            return QSortFilterProxyModel::data(index, Board::OnlineRole).toBool() ? icons::online()
                                                                                : icons::offline();
        }
        break;
    case Qt::FontRole: {
        QFont font;
        if (!session)
            font.setBold(true);
        else if (QSortFilterProxyModel::data(index, Board::ReroutePendingRole).toBool())
            font.setItalic(true);
        else
            return {};
        return font;
    }
    case Qt::BackgroundRole:
        if (session && !m_flash.isEmpty()
            && QSortFilterProxyModel::data(index, Board::SessionIdRole).toString() == m_flash)
            return QBrush(QColor(0xfd, 0xe6, 0x8a));
        if (!session && QSortFilterProxyModel::data(index, Board::OverCapacityRole).toBool())
            return QBrush(QColor(0xfe, 0xe2, 0xe2));
        break;
    case Qt::ForegroundRole:
        if (session && QSortFilterProxyModel::data(index, Board::ReroutePendingRole).toBool())
            return QBrush(QColor(0x64, 0x74, 0x8b));
        break;
    case Qt::TextAlignmentRole:
        if (column == Board::AgeColumn || column == Board::LoadColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (session)
            return tr("Session %1 of customer %2. Drag it onto another mitra to move it, or "
                      "press Ctrl+R.")
                .arg(QSortFilterProxyModel::data(index, Board::SessionIdRole).toString(),
                     QSortFilterProxyModel::data(index.siblingAtColumn(Board::NameColumn),
                                                 Qt::DisplayRole)
                         .toString());
        if (const QVariant own = QSortFilterProxyModel::data(index, role); own.isValid())
            return own;
        return tr("Mitra %1").arg(QSortFilterProxyModel::data(index, Board::MitraIdRole).toString());
    default:
        break;
    }
    return QSortFilterProxyModel::data(index, role);
}

} // namespace hb::ui
