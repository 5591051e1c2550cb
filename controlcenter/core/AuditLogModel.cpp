#include "AuditLogModel.h"

#include "Durations.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <algorithm>

namespace hb::cc {

namespace {

QString compact(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("—");
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble());
    return QString::fromUtf8(v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                          : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
}

// "capacity_source: global → mitra, max_customers: 3 → 5": the fields that differ, by name
// (JSON objects do not keep their order). With only one side, its fields as they are.
QString details(const AuditEntry &e)
{
    const QJsonObject before = e.before.toObject();
    const QJsonObject after = e.after.toObject();
    QStringList keys = after.keys();
    for (const QString &k : before.keys()) {
        if (!after.contains(k))
            keys.append(k);
    }
    QStringList parts;
    for (const QString &k : keys) {
        const QJsonValue b = before.value(k);
        const QJsonValue a = after.value(k);
        if (e.before.isObject() && e.after.isObject()) {
            if (b != a)
                parts.append(k + QStringLiteral(": ") + compact(b) + QStringLiteral(" → ") +
                             compact(a));
        } else {
            parts.append(k + QStringLiteral(": ") + compact(e.after.isObject() ? a : b));
        }
    }
    if (parts.isEmpty() && e.before.isObject() && e.after.isObject() && !after.isEmpty()) {
        // Set to what it already was: still worth seeing which value was confirmed.
        for (const QString &k : after.keys())
            parts.append(k + QStringLiteral(": ") + compact(after.value(k)));
        return AuditLogModel::tr("%1 (unchanged)").arg(parts.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

AuditLogModel::AuditLogModel(QObject *parent) : QAbstractTableModel(parent) {}

void AuditLogModel::setPageSize(int entries)
{
    m_pageSize = std::clamp(entries, 1, 1000);
}

void AuditLogModel::setActionFilter(const QString &action)
{
    if (action == m_action && (m_loaded || m_loadingNewest))
        return;
    m_action = action;
    // Before any signal: views may call fetchMore() from inside them.
    m_loaded = false;
    m_more = false;
    if (!m_rows.isEmpty()) {
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_rows.clear();
        endRemoveRows();
    }
    // Answers for the old filter are ignored when they come.
    m_loadingNewest = false;
    m_loadingOlder = false;
    request(std::nullopt);
}

void AuditLogModel::reload()
{
    request(std::nullopt);
}

void AuditLogModel::request(std::optional<qint64> beforeId)
{
    bool &loading = beforeId ? m_loadingOlder : m_loadingNewest;
    if (loading)
        return;
    loading = true;
    emit pageRequested(beforeId, m_action, m_pageSize);
}

void AuditLogModel::applyPage(std::optional<qint64> beforeId, const QString &action,
                              const servermsg::Audit &page)
{
    if (action != m_action)
        return;
    (beforeId ? m_loadingOlder : m_loadingNewest) = false;
    // Views may call fetchMore() from inside the signals below: no paging until we are done.
    const bool wasMore = m_more;
    m_more = false;
    if (beforeId) {
        // An older page: only if it continues where the list ends now.
        if (m_rows.isEmpty() || m_rows.last().id != *beforeId) {
            m_more = wasMore;
            return;
        }
        QList<AuditEntry> older;
        for (const auto &e : page.entries) {
            if (e.id < m_rows.last().id && (older.isEmpty() || e.id < older.last().id))
                older.append(e);
        }
        if (!older.isEmpty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(older.size()) - 1);
            m_rows.append(older);
            endInsertRows();
        }
        m_more = page.more && !older.isEmpty();
        return;
    }

    const bool first = !m_loaded;
    m_loaded = true;
    if (first || m_rows.isEmpty()) {
        if (!m_rows.isEmpty()) {
            beginRemoveRows({}, 0, int(m_rows.size()) - 1);
            m_rows.clear();
            endRemoveRows();
        }
        if (!page.entries.isEmpty()) {
            beginInsertRows({}, 0, int(page.entries.size()) - 1);
            m_rows = page.entries;
            endInsertRows();
        }
        m_more = page.more;
        return;
    }
    // The newest page again: put what is new on top.
    const qint64 newestKnown = m_rows.first().id;
    QList<AuditEntry> newer;
    for (const auto &e : page.entries) {
        if (e.id > newestKnown)
            newer.append(e);
    }
    if (newer.isEmpty() || !(newer.size() == page.entries.size() && page.more))
        m_more = wasMore; // the older end of the list is unchanged
    if (newer.isEmpty())
        return;
    if (newer.size() == page.entries.size() && page.more) {
        // More happened than one page holds: there is a gap below the new entries. Start over
        // from this page rather than show a log with a hole in it.
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_rows.clear();
        endRemoveRows();
        beginInsertRows({}, 0, int(newer.size()) - 1);
        m_rows = newer;
        endInsertRows();
        m_loadingOlder = false; // an older page in flight belonged to the old list
        m_more = true;
        return;
    }
    beginInsertRows({}, 0, int(newer.size()) - 1);
    m_rows = newer + m_rows;
    endInsertRows();
}

void AuditLogModel::pageFailed(std::optional<qint64> beforeId, const QString &action)
{
    if (action == m_action)
        (beforeId ? m_loadingOlder : m_loadingNewest) = false;
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry &e = m_rows[index.row()];
    switch (role) {
    case EntryIdRole:
        return e.id;
    case AtRole:
        return e.atMs;
    case ActionRole:
        return e.action;
    case ActorIdRole:
        return e.actorId;
    case BeforeRole:
        return QVariant::fromValue(e.before);
    case AfterRole:
        return QVariant::fromValue(e.after);
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
            return e.atMs;
        case ActorColumn:
            return e.actorName.toCaseFolded();
        case ActionColumn:
            return e.action;
        case TargetColumn:
            return e.target;
        case DetailsColumn:
            return details(e);
        case AddressColumn:
            return e.address;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return formatServerTime(e.atMs, QDateTime::currentMSecsSinceEpoch());
        case ActorColumn:
            if (e.actorId.isEmpty())
                return tr("(anonymous)");
            if (e.actorId == QLatin1String("cli"))
                return tr("Command line");
            return e.actorName;
        case ActionColumn:
            return e.action;
        case TargetColumn:
            return e.target;
        case DetailsColumn:
            return details(e);
        case AddressColumn:
            return e.address;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DetailsColumn)
            return details(e);
        return {};
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Target");
    case DetailsColumn:
        return tr("Change");
    case AddressColumn:
        return tr("Address");
    }
    return {};
}

bool AuditLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && m_more && !m_loadingOlder && !m_rows.isEmpty();
}

void AuditLogModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        request(m_rows.last().id);
}

QHash<int, QByteArray> AuditLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(EntryIdRole, "entryId");
    names.insert(AtRole, "at");
    names.insert(ActionRole, "action");
    names.insert(ActorIdRole, "actorId");
    names.insert(BeforeRole, "before");
    names.insert(AfterRole, "after");
    names.insert(SortRole, "sortValue");
    return names;
}

} // namespace hb::cc
