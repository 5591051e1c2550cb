#include "SessionBoardModel.h"

#include "Durations.h"
#include "RowSync.h"
#include "SessionDragData.h"

#include <QDateTime>
#include <QMimeData>
#include <algorithm>

namespace hb::cc {

// One top-level row. Children point at their node (internalPointer), so the node must not move
// in memory: nodes are held by unique_ptr and only their `row` changes.
struct SessionBoardModel::MitraNode
{
    QString id;
    QString name;
    bool inStats = false; // listed by the latest stats (else: only known from its sessions)
    bool online = false;
    int activeSessions = 0;
    int maxCustomers = 0;
    bool overCapacity = false;
    int row = 0;
    QList<Session> sessions; // open ones, oldest first

    bool sameFigures(const MitraStats &m) const
    {
        return inStats && name == m.name && online == (m.status == PresenceStatus::Online) &&
               activeSessions == m.activeSessions && maxCustomers == m.maxCustomers &&
               overCapacity == m.overCapacity();
    }
};

namespace {

bool olderFirst(const Session &a, const Session &b)
{
    return a.startedAtMs != b.startedAtMs ? a.startedAtMs < b.startedAtMs : a.id < b.id;
}

// Calls f(first, last) for each run of consecutive numbers in a sorted list.
template <class F> void forEachRun(const QList<int> &sorted, F f)
{
    for (qsizetype i = 0; i < sorted.size();) {
        qsizetype j = i;
        while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1)
            ++j;
        f(sorted[i], sorted[j]);
        i = j + 1;
    }
}

} // namespace

SessionBoardModel::SessionBoardModel(QObject *parent) : QAbstractItemModel(parent) {}

SessionBoardModel::~SessionBoardModel() = default;

void SessionBoardModel::setDragEnabled(bool enabled)
{
    m_dragEnabled = enabled;
}

void SessionBoardModel::setClockOffsetMs(qint64 offsetMs)
{
    m_clockOffsetMs = offsetMs;
}

qint64 SessionBoardModel::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_clockOffsetMs;
}

void SessionBoardModel::refreshAges()
{
    for (const auto &node : m_mitras) {
        if (node->sessions.isEmpty())
            continue;
        const QModelIndex parent = indexOfNode(node.get());
        emit dataChanged(index(0, AgeColumn, parent),
                         index(int(node->sessions.size()) - 1, AgeColumn, parent),
                         {Qt::DisplayRole, AgeMsRole, SortRole});
    }
}

void SessionBoardModel::applyStats(const StatsSnapshot &stats)
{
    QSet<QString> listed;
    listed.reserve(stats.mitras.size());
    QList<int> changedRows;
    QList<const MitraStats *> added;
    for (const MitraStats &m : stats.mitras) {
        listed.insert(m.id);
        MitraNode *node = m_mitraById.value(m.id);
        if (!node) {
            added.append(&m);
            continue;
        }
        if (node->sameFigures(m))
            continue;
        node->inStats = true;
        node->name = m.name;
        node->online = m.status == PresenceStatus::Online;
        node->activeSessions = m.activeSessions;
        node->maxCustomers = m.maxCustomers;
        node->overCapacity = m.overCapacity();
        changedRows.append(node->row);
    }
    for (const auto &node : m_mitras) {
        if (node->inStats && !listed.contains(node->id)) {
            node->inStats = false; // may go below, if it carries nothing either
            node->online = false;
            changedRows.append(node->row);
        }
    }
    std::sort(changedRows.begin(), changedRows.end());
    forEachRun(changedRows, [this](int first, int last) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    });
    if (!added.isEmpty()) {
        const int first = int(m_mitras.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const MitraStats *m : added) {
            auto node = std::make_unique<MitraNode>();
            node->id = m->id;
            node->name = m->name;
            node->inStats = true;
            node->online = m->status == PresenceStatus::Online;
            node->activeSessions = m->activeSessions;
            node->maxCustomers = m->maxCustomers;
            node->overCapacity = m->overCapacity();
            node->row = int(m_mitras.size());
            m_mitraById.insert(node->id, node.get());
            m_mitras.push_back(std::move(node));
        }
        endInsertRows();
    }
    dropUnneededMitras();
}

void SessionBoardModel::applySessions(const QList<Session> &openSessions)
{
    QHash<QString, QList<Session>> byMitra;
    for (const Session &s : openSessions) {
        if (!s.isOpen())
            continue;
        auto &list = byMitra[s.mitra.id];
        if (list.isEmpty())
            ensureMitra(s.mitra.id, s.mitra.name);
        list.append(s);
    }
    for (auto &list : byMitra)
        std::sort(list.begin(), list.end(), olderFirst);
    for (const auto &node : m_mitras)
        syncChildren(node.get(), byMitra.value(node->id));
    reindexSessions();
    dropUnneededMitras();
}

void SessionBoardModel::applyRerouted(const Session &session)
{
    markPending(session.id, false);
    if (!session.isOpen())
        return;
    MitraNode *from = m_mitraOfSession.value(session.id);
    MitraNode *to = ensureMitra(session.mitra.id, session.mitra.name);
    if (from == to) {
        const auto it = std::find_if(to->sessions.begin(), to->sessions.end(),
                                     [&](const Session &s) { return s.id == session.id; });
        if (it != to->sessions.end() && !(*it == session)) {
            *it = session;
            const int row = int(it - to->sessions.begin());
            const QModelIndex parent = indexOfNode(to);
            emit dataChanged(index(row, 0, parent), index(row, ColumnCount - 1, parent));
        }
        return;
    }
    const int toRow = int(std::lower_bound(to->sessions.cbegin(), to->sessions.cend(), session,
                                           olderFirst) -
                          to->sessions.cbegin());
    if (!from) {
        // Not listed yet (the list is refreshed next): show it where it now is.
        beginInsertRows(indexOfNode(to), toRow, toRow);
        to->sessions.insert(toRow, session);
        m_mitraOfSession.insert(session.id, to);
        ++m_sessionCount;
        endInsertRows();
        return;
    }
    const auto it = std::find_if(from->sessions.cbegin(), from->sessions.cend(),
                                 [&](const Session &s) { return s.id == session.id; });
    const int fromRow = int(it - from->sessions.cbegin());
    beginMoveRows(indexOfNode(from), fromRow, fromRow, indexOfNode(to), toRow);
    from->sessions.removeAt(fromRow);
    to->sessions.insert(toRow, session);
    m_mitraOfSession.insert(session.id, to);
    endMoveRows();
    dropUnneededMitras();
}

void SessionBoardModel::clear()
{
    if (m_mitras.empty())
        return;
    beginRemoveRows({}, 0, int(m_mitras.size()) - 1);
    m_mitras.clear();
    m_mitraById.clear();
    m_mitraOfSession.clear();
    m_pending.clear();
    m_sessionCount = 0;
    endRemoveRows();
}

bool SessionBoardModel::requestReroute(const QString &sessionId, const QString &toMitraId)
{
    const MitraNode *from = m_mitraOfSession.value(sessionId);
    if (!from || from->id == toMitraId || !m_mitraById.contains(toMitraId) ||
        m_pending.contains(sessionId)) {
        return false;
    }
    markPending(sessionId, true);
    emit rerouteRequested(sessionId, from->id, toMitraId);
    return true;
}

void SessionBoardModel::rerouteRefused(const QString &sessionId, const QString &toMitraId,
                                       const RequestFailure &failure)
{
    markPending(sessionId, false);
    emit rerouteFailed(sessionId, toMitraId, failure);
}

QModelIndex SessionBoardModel::mitraIndex(const QString &mitraId, int column) const
{
    const MitraNode *node = m_mitraById.value(mitraId);
    return node ? indexOfNode(node, column) : QModelIndex();
}

QModelIndex SessionBoardModel::sessionIndex(const QString &sessionId, int column) const
{
    MitraNode *node = m_mitraOfSession.value(sessionId);
    if (!node)
        return {};
    for (int i = 0; i < node->sessions.size(); ++i) {
        if (node->sessions[i].id == sessionId)
            return createIndex(i, column, node);
    }
    return {};
}

// --- the tree ----------------------------------------------------------------------------------

QModelIndex SessionBoardModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_mitras.size()) ? createIndex(row, column, nullptr) : QModelIndex();
    if (parent.internalPointer())
        return {}; // sessions have no children
    if (parent.row() >= int(m_mitras.size()))
        return {};
    MitraNode *node = m_mitras[size_t(parent.row())].get();
    return row < node->sessions.size() ? createIndex(row, column, node) : QModelIndex();
}

QModelIndex SessionBoardModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    return indexOfNode(static_cast<const MitraNode *>(child.internalPointer()));
}

int SessionBoardModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_mitras.size());
    if (parent.internalPointer() || parent.column() != 0 || parent.row() >= int(m_mitras.size()))
        return 0;
    return int(m_mitras[size_t(parent.row())]->sessions.size());
}

int SessionBoardModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

SessionBoardModel::MitraNode *SessionBoardModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalPointer())
        return static_cast<MitraNode *>(index.internalPointer());
    return index.row() < int(m_mitras.size()) ? m_mitras[size_t(index.row())].get() : nullptr;
}

const Session *SessionBoardModel::sessionAt(const QModelIndex &index) const
{
    if (!index.isValid() || !index.internalPointer())
        return nullptr;
    const auto *node = static_cast<const MitraNode *>(index.internalPointer());
    return index.row() < node->sessions.size() ? &node->sessions[index.row()] : nullptr;
}

QModelIndex SessionBoardModel::indexOfNode(const MitraNode *node, int column) const
{
    return createIndex(node->row, column, nullptr);
}

QVariant SessionBoardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const MitraNode *node = nodeOf(index);
    if (!node)
        return {};
    const Session *session = sessionAt(index);
    if (role == KindRole)
        return int(session ? RowKind::Session : RowKind::Mitra);
    if (role == MitraIdRole)
        return node->id;

    if (session) {
        const qint64 age = std::max<qint64>(0, nowMs() - session->startedAtMs);
        const bool awaiting = session->state == SessionState::AwaitingPayment;
        switch (role) {
        case SessionIdRole:
            return session->id;
        case CustomerIdRole:
            return session->customer.id;
        case StartedAtRole:
            return session->startedAtMs;
        case AgeMsRole:
            return age;
        case ReroutePendingRole:
            return m_pending.contains(session->id);
        case SortRole:
            switch (index.column()) {
            case NameColumn:
                return session->customer.name.toCaseFolded();
            case StateColumn:
                return awaiting ? 0 : 1;
            case AgeColumn:
                return age;
            default:
                return {};
            }
        case Qt::DisplayRole:
            switch (index.column()) {
            case NameColumn:
                return session->customer.name;
            case StateColumn:
                if (m_pending.contains(session->id))
                    return tr("Moving…");
                return awaiting ? tr("Awaiting payment") : tr("Active");
            case AgeColumn:
                return formatDuration(age);
            default:
                return {};
            }
        default:
            return {};
        }
    }

    const int carried = node->inStats ? node->activeSessions : int(node->sessions.size());
    switch (role) {
    case OnlineRole:
        return node->online;
    case OverCapacityRole:
        return node->overCapacity;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return node->name.toCaseFolded();
        case StateColumn:
            return node->online ? 1 : 0;
        case LoadColumn:
            return node->maxCustomers > 0 ? double(carried) / node->maxCustomers
                                          : double(carried) + 1.0;
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return node->name;
        case StateColumn:
            return node->online ? tr("Online") : tr("Offline");
        case LoadColumn:
            return node->inStats ? tr("%1 / %2").arg(carried).arg(node->maxCustomers)
                                 : QString::number(carried);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (node->overCapacity)
            return tr("Above capacity: gets no new customers until sessions end.");
        return {};
    default:
        return {};
    }
}

QVariant SessionBoardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Mitra / customer");
    case StateColumn:
        return tr("State");
    case AgeColumn:
        return tr("Age");
    case LoadColumn:
        return tr("Load");
    }
    return {};
}

Qt::ItemFlags SessionBoardModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_dragEnabled) {
        // Sessions drag; mitras (and sessions, meaning their mitra) take drops.
        f |= Qt::ItemIsDropEnabled;
        if (index.internalPointer())
            f |= Qt::ItemIsDragEnabled;
    }
    return f;
}

QHash<int, QByteArray> SessionBoardModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(MitraIdRole, "mitraId");
    names.insert(SessionIdRole, "sessionId");
    names.insert(CustomerIdRole, "customerId");
    names.insert(StartedAtRole, "startedAt");
    names.insert(AgeMsRole, "ageMs");
    names.insert(OnlineRole, "online");
    names.insert(OverCapacityRole, "overCapacity");
    names.insert(ReroutePendingRole, "reroutePending");
    names.insert(SortRole, "sortValue");
    return names;
}

// --- drag and drop -----------------------------------------------------------------------------

QStringList SessionBoardModel::mimeTypes() const
{
    return {QString::fromLatin1(SessionDragData::kMimeType)};
}

QMimeData *SessionBoardModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &index : indexes) {
        if (const Session *session = sessionAt(index)) {
            auto *mime = new QMimeData;
            mime->setData(QString::fromLatin1(SessionDragData::kMimeType),
                          SessionDragData{session->id, nodeOf(index)->id}.encode());
            mime->setText(session->customer.name);
            return mime;
        }
    }
    return nullptr;
}

Qt::DropActions SessionBoardModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions SessionBoardModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QString SessionBoardModel::dropTargetOf(int row, const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        Q_UNUSED(row); // between two mitras: which one is meant is a guess, so none
        return {};
    }
    const MitraNode *node = nodeOf(parent);
    return node ? node->id : QString();
}

bool SessionBoardModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                        int, const QModelIndex &parent) const
{
    if (!m_dragEnabled || !(action & (Qt::MoveAction | Qt::CopyAction)))
        return false;
    const auto drag = SessionDragData::fromMimeData(data);
    if (!drag)
        return false;
    const MitraNode *current = m_mitraOfSession.value(drag->sessionId);
    const QString target = dropTargetOf(row, parent);
    return current && !target.isEmpty() && target != current->id &&
           !m_pending.contains(drag->sessionId);
}

bool SessionBoardModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                     int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const auto drag = SessionDragData::fromMimeData(data);
    return requestReroute(drag->sessionId, dropTargetOf(row, parent));
}

// --- keeping it in step ------------------------------------------------------------------------

SessionBoardModel::MitraNode *SessionBoardModel::ensureMitra(const QString &mitraId,
                                                             const QString &name)
{
    if (MitraNode *node = m_mitraById.value(mitraId))
        return node;
    const int row = int(m_mitras.size());
    beginInsertRows({}, row, row);
    auto node = std::make_unique<MitraNode>();
    node->id = mitraId;
    node->name = name;
    node->row = row;
    MitraNode *raw = node.get();
    m_mitraById.insert(mitraId, raw);
    m_mitras.push_back(std::move(node));
    endInsertRows();
    return raw;
}

void SessionBoardModel::syncChildren(MitraNode *node, const QList<Session> &sessions)
{
    if (node->sessions.isEmpty() && sessions.isEmpty())
        return;
    const QModelIndex parent = indexOfNode(node);
    RowSync<Session, QString> sync;
    sync.key = [](const Session &s) { return s.id; };
    sync.less = olderFirst;
    sync.beginRemove = [&](int first, int last) { beginRemoveRows(parent, first, last); };
    sync.endRemove = [this] { endRemoveRows(); };
    sync.beginInsert = [&](int first, int last) { beginInsertRows(parent, first, last); };
    sync.endInsert = [this] { endInsertRows(); };
    sync.changed = [&](int first, int last) {
        emit dataChanged(index(first, 0, parent), index(last, ColumnCount - 1, parent));
    };
    sync.apply(node->sessions, sessions);
}

void SessionBoardModel::reindexSessions()
{
    m_mitraOfSession.clear();
    m_sessionCount = 0;
    for (const auto &node : m_mitras) {
        for (const Session &s : node->sessions)
            m_mitraOfSession.insert(s.id, node.get());
        m_sessionCount += int(node->sessions.size());
    }
    // A session that vanished has no reroute to wait for.
    for (auto it = m_pending.begin(); it != m_pending.end();)
        it = m_mitraOfSession.contains(*it) ? std::next(it) : m_pending.erase(it);
}

void SessionBoardModel::removeMitraRange(int first, int last)
{
    beginRemoveRows({}, first, last);
    for (int i = first; i <= last; ++i) {
        const MitraNode *node = m_mitras[size_t(i)].get();
        m_mitraById.remove(node->id);
        for (const Session &s : node->sessions) {
            m_mitraOfSession.remove(s.id);
            m_pending.remove(s.id);
            --m_sessionCount;
        }
    }
    m_mitras.erase(m_mitras.begin() + first, m_mitras.begin() + last + 1);
    for (size_t i = size_t(first); i < m_mitras.size(); ++i)
        m_mitras[i]->row = int(i);
    endRemoveRows();
}

void SessionBoardModel::dropUnneededMitras()
{
    // A mitra stays while stats list it (online, or carrying sessions) or it has sessions here.
    const auto unneeded = [](const MitraNode &n) { return !n.inStats && n.sessions.isEmpty(); };
    for (int i = int(m_mitras.size()) - 1; i >= 0;) {
        if (!unneeded(*m_mitras[size_t(i)])) {
            --i;
            continue;
        }
        const int last = i;
        while (i >= 0 && unneeded(*m_mitras[size_t(i)]))
            --i;
        removeMitraRange(i + 1, last);
    }
}

void SessionBoardModel::markPending(const QString &sessionId, bool pending)
{
    const bool was = m_pending.contains(sessionId);
    if (was == pending)
        return;
    if (pending)
        m_pending.insert(sessionId);
    else
        m_pending.remove(sessionId);
    const QModelIndex first = sessionIndex(sessionId, 0);
    if (first.isValid())
        emit dataChanged(first, sessionIndex(sessionId, ColumnCount - 1));
}

} // namespace hb::cc
