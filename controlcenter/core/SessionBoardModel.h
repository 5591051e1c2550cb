#pragma once

#include "core/ClientTypes.h"
#include "protocol/StatsSnapshot.h"

#include "domain/Session.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <memory>
#include <vector>

namespace hb::cc {

// Open sessions grouped by mitra, as a two-level tree:
//   top level: every mitra of the latest `stats` (online, or offline but serving sessions) plus
//              any mitra a session names that stats did not (yet) list;
//   children:  that mitra's open sessions (customer, state, age), oldest first.
// Updated in place from stats, sessions lists and session.rerouted (never reset).
//
// Drag and drop: session rows drag as SessionDragData (kMimeType). A drop on a mitra row (or on
// a session under it) does not move anything: it emits rerouteRequested(). The session moves
// when the server confirms (applyRerouted, or the next sessions list); if the server refuses,
// call rerouteRefused() and the model, unchanged, emits rerouteFailed() with the reason.
class SessionBoardModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,  // mitra name / customer name
        StateColumn, // mitra: online/offline; session: awaiting payment/active
        AgeColumn,   // session: time since it started (server clock)
        LoadColumn,  // mitra: "open / max"
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        KindRole = Qt::UserRole + 1, // int: 0 mitra row, 1 session row
        MitraIdRole,       // QString: the mitra (the row's, or the session's mitra)
        SessionIdRole,     // QString: session rows only
        CustomerIdRole,    // QString: session rows only
        StartedAtRole,     // qint64 ms since the epoch: session rows only
        AgeMsRole,         // qint64: session rows only
        OnlineRole,        // bool: mitra rows
        OverCapacityRole,  // bool: mitra rows
        ReroutePendingRole, // bool: session rows with a reroute sent and not yet answered
        SortRole,          // raw value of the column
    };
    Q_ENUM(Role)

    enum class RowKind { Mitra = 0, Session = 1 };

    explicit SessionBoardModel(QObject *parent = nullptr);
    ~SessionBoardModel() override;

    // Whether session rows may be dragged (supervisors only).
    void setDragEnabled(bool enabled);
    // Server clock minus local clock, for ages (ControlClient::serverClockOffsetMs()).
    void setClockOffsetMs(qint64 offsetMs);
    // Re-reports the age column (call from a timer, e.g. every few seconds).
    void refreshAges();

    void applyStats(const StatsSnapshot &stats);
    void applySessions(const QList<Session> &openSessions);
    void applyRerouted(const Session &session);
    void clear();

    // The UI's way to reroute without a mouse (context menu / keyboard): same as a drop.
    // Returns false (and emits nothing) when the session is unknown or already with that mitra.
    bool requestReroute(const QString &sessionId, const QString &toMitraId);
    // The server refused a reroute this model asked for: clears its pending mark and emits
    // rerouteFailed(). The model's rows are not touched.
    void rerouteRefused(const QString &sessionId, const QString &toMitraId,
                        const hb::cc::RequestFailure &failure);

    QModelIndex mitraIndex(const QString &mitraId, int column = 0) const;
    QModelIndex sessionIndex(const QString &sessionId, int column = 0) const;
    int sessionCount() const { return m_sessionCount; }

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    // Emits rerouteRequested() and returns true for a valid drop; changes nothing locally.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

signals:
    void rerouteRequested(const QString &sessionId, const QString &fromMitraId,
                          const QString &toMitraId);
    void rerouteFailed(const QString &sessionId, const QString &toMitraId,
                       const hb::cc::RequestFailure &failure);

private:
    struct MitraNode;

    MitraNode *nodeOf(const QModelIndex &index) const; // a mitra row's node, or a session's mitra
    const Session *sessionAt(const QModelIndex &index) const;
    QModelIndex indexOfNode(const MitraNode *node, int column = 0) const;
    QString dropTargetOf(int row, const QModelIndex &parent) const;
    MitraNode *ensureMitra(const QString &mitraId, const QString &name);
    void removeMitraRange(int first, int last);
    void syncChildren(MitraNode *node, const QList<Session> &sessions);
    void dropUnneededMitras();
    void markPending(const QString &sessionId, bool pending);
    void reindexSessions();
    qint64 nowMs() const;

    std::vector<std::unique_ptr<MitraNode>> m_mitras;
    QHash<QString, MitraNode *> m_mitraById;
    QHash<QString, MitraNode *> m_mitraOfSession;
    QSet<QString> m_pending; // session ids with a reroute in flight
    int m_sessionCount = 0;
    qint64 m_clockOffsetMs = 0;
    bool m_dragEnabled = false;
};

} // namespace hb::cc
