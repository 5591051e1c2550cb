#pragma once

#include "core/AuditLogModel.h"
#include "core/DashboardHistory.h"
#include "core/MitraTableModel.h"
#include "core/PresenceTimelineModel.h"
#include "core/RequestListModel.h"
#include "core/SessionBoardModel.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace hb::cc {

class ControlClient;

// All the control center's models, fed by one ControlClient: stats into the mitra table,
// session board and dashboard history; lists into the board and request list; model requests
// (capacity edits, reroute drops, audit pages, presence history) into client actions, with the
// answers (and refusals) routed back. Also ticks the age/waited columns and follows the
// signed-in role (editing and dragging only for supervisors). The UI only makes views.
class LiveModels : public QObject
{
    Q_OBJECT

public:
    explicit LiveModels(ControlClient *client, QObject *parent = nullptr);

    MitraTableModel *mitras() { return &m_mitras; }
    SessionBoardModel *sessionBoard() { return &m_board; }
    RequestListModel *requests() { return &m_requests; }
    PresenceTimelineModel *presence() { return &m_presence; }
    AuditLogModel *audit() { return &m_audit; }
    DashboardHistory *history() { return &m_history; }

    // How often ages and waited times are re-reported (default 1 s; 0 stops it).
    void setAgeTickMs(int ms);

signals:
    // A capacity change asked through the mitra table failed (the cell keeps the server's
    // value); show `failure.message`.
    void capacityChangeFailed(const QString &mitraId, const hb::cc::RequestFailure &failure);
    // A presence.history the timeline asked for failed (e.g. not_found for an id typed by
    // hand); the timeline stays empty. Only for the model's current mitra and range.
    void presenceHistoryFailed(const QString &mitraId, const hb::cc::RequestFailure &failure);
    // An audit.list page failed (e.g. forbidden, unavailable); the log keeps what it had.
    void auditPageFailed(const hb::cc::RequestFailure &failure);

private:
    struct AuditAsk
    {
        std::optional<qint64> beforeId;
        QString action;
    };
    struct PresenceAsk
    {
        QString mitraId;
        qint64 fromMs = 0;
        qint64 toMs = 0;
    };

    void onSignedIn();
    void onDisconnected(const hb::cc::DisconnectInfo &info);
    void askAudit(std::optional<qint64> beforeId, const QString &action, int limit);
    void askPresence(const QString &mitraId, qint64 fromMs, qint64 toMs);
    void tick();

    ControlClient *m_client;
    MitraTableModel m_mitras;
    SessionBoardModel m_board;
    RequestListModel m_requests;
    PresenceTimelineModel m_presence;
    AuditLogModel m_audit;
    DashboardHistory m_history;
    QTimer m_ageTimer;
    QHash<QString, AuditAsk> m_auditAsks;       // by request id
    QHash<QString, PresenceAsk> m_presenceAsks; // by request id
};

} // namespace hb::cc
