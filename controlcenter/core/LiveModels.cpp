#include "LiveModels.h"

#include "ControlClient.h"

namespace hb::cc {

LiveModels::LiveModels(ControlClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    connect(client, &ControlClient::statsReceived, this, [this](const StatsSnapshot &stats) {
        m_mitras.applyStats(stats);
        m_board.applyStats(stats);
        m_history.addStats(stats);
    });
    connect(client, &ControlClient::sessionsReceived, &m_board, &SessionBoardModel::applySessions);
    connect(client, &ControlClient::requestsReceived, &m_requests,
            &RequestListModel::applyRequests);
    connect(client, &ControlClient::sessionRerouted, &m_board, &SessionBoardModel::applyRerouted);
    connect(client, &ControlClient::signedIn, this, &LiveModels::onSignedIn);
    connect(client, &ControlClient::reconnected, this, &LiveModels::onSignedIn);
    connect(client, &ControlClient::disconnected, this, &LiveModels::onDisconnected);

    // What the models ask for goes to the server; answers and refusals come back to them.
    connect(&m_mitras, &MitraTableModel::capacityChangeRequested, this,
            [this](const QString &mitraId, std::optional<int> maxCustomers) {
                PendingRequest *r = m_client->setMitraCapacity(mitraId, maxCustomers);
                connect(r, &PendingRequest::failed, this, [this, mitraId](const RequestFailure &f) {
                    emit capacityChangeFailed(mitraId, f);
                });
            });
    connect(&m_board, &SessionBoardModel::rerouteRequested, this,
            [this](const QString &sessionId, const QString &, const QString &toMitraId) {
                PendingRequest *r = m_client->rerouteSession(sessionId, toMitraId);
                connect(r, &PendingRequest::failed, this,
                        [this, sessionId, toMitraId](const RequestFailure &f) {
                            m_board.rerouteRefused(sessionId, toMitraId, f);
                        });
            });
    connect(&m_audit, &AuditLogModel::pageRequested, this, &LiveModels::askAudit);
    connect(client, &ControlClient::auditPage, this,
            [this](const QString &requestId, const servermsg::Audit &page) {
                const auto it = m_auditAsks.constFind(requestId);
                if (it != m_auditAsks.cend())
                    m_audit.applyPage(it->beforeId, it->action, page);
            });
    connect(&m_presence, &PresenceTimelineModel::historyRequested, this, &LiveModels::askPresence);
    connect(client, &ControlClient::presenceHistory, this,
            [this](const QString &requestId, const servermsg::PresenceHistory &history) {
                const auto it = m_presenceAsks.constFind(requestId);
                if (it != m_presenceAsks.cend())
                    m_presence.applyHistory(it->mitraId, it->fromMs, it->toMs, history.intervals);
            });

    connect(&m_ageTimer, &QTimer::timeout, this, &LiveModels::tick);
    setAgeTickMs(1000);
}

void LiveModels::setAgeTickMs(int ms)
{
    if (ms <= 0) {
        m_ageTimer.stop();
        return;
    }
    m_ageTimer.start(ms);
}

void LiveModels::onSignedIn()
{
    const StaffIdentity who = m_client->identity();
    m_mitras.setEditable(who.maySupervise());
    m_board.setDragEnabled(who.maySupervise());
    const qint64 offset = m_client->serverClockOffsetMs();
    m_board.setClockOffsetMs(offset);
    m_requests.setClockOffsetMs(offset);
    m_presence.setClockOffsetMs(offset);
    m_history.setPaused(false);
    // Lists and stats are fetched by the client; these two are asked for by their models.
    m_audit.reload();
    if (!m_presence.mitraId().isEmpty())
        m_presence.setRange(m_presence.mitraId(), m_presence.fromMs(), m_presence.toMs());
}

void LiveModels::onDisconnected(const DisconnectInfo &info)
{
    m_history.setPaused(true);
    if (info.willReconnect)
        return; // keep showing the last state under the "reconnecting" banner
    // Signed out (or refused): the next sign-in may be someone else, elsewhere.
    m_mitras.clear();
    m_board.clear();
    m_requests.clear();
    m_history.clear();
    m_mitras.setEditable(false);
    m_board.setDragEnabled(false);
}

void LiveModels::askAudit(std::optional<qint64> beforeId, const QString &action, int limit)
{
    PendingRequest *r = m_client->requestAudit(limit, beforeId, action);
    const QString id = r->id();
    m_auditAsks.insert(id, AuditAsk{beforeId, action});
    connect(r, &PendingRequest::failed, this,
            [this, beforeId, action](const RequestFailure &failure) {
                m_audit.pageFailed(beforeId, action);
                emit auditPageFailed(failure);
            });
    connect(r, &PendingRequest::finished, this, [this, id] { m_auditAsks.remove(id); });
}

void LiveModels::askPresence(const QString &mitraId, qint64 fromMs, qint64 toMs)
{
    PendingRequest *r = m_client->requestPresenceHistory(mitraId, fromMs, toMs);
    const QString id = r->id();
    m_presenceAsks.insert(id, PresenceAsk{mitraId, fromMs, toMs});
    connect(r, &PendingRequest::failed, this,
            [this, mitraId, fromMs, toMs](const RequestFailure &failure) {
                // An answer for a mitra or day no longer shown is of no interest any more.
                if (m_presence.mitraId() == mitraId && m_presence.fromMs() == fromMs &&
                    m_presence.toMs() == toMs)
                    emit presenceHistoryFailed(mitraId, failure);
            });
    connect(r, &PendingRequest::finished, this, [this, id] { m_presenceAsks.remove(id); });
}

void LiveModels::tick()
{
    m_board.refreshAges();
    m_requests.refreshWaited();
}

} // namespace hb::cc
