#include "StaffQueries.h"

#include "app/WhenReady.h"
#include "cluster/Keys.h"
#include "gateway/ClientConnection.h"
#include "lua/LuaScripts.h"
#include "protocol/ClientMessage.h"
#include "protocol/RequestSummary.h"
#include "protocol/ServerMessages.h"
#include "protocol/StatsSnapshot.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"
#include "store/valkey/ValkeySubscriber.h"

#include <QFutureWatcher>
#include <algorithm>
#include <iterator>

namespace hb {

namespace {


// The reply of stats_snapshot.lua: {at, active_chats, active_mitras, pending_requests,
// default_max_customers, {id, name, status, active_sessions, max_customers, capacity_source,
// status_since or ''}...}.
StatsSnapshot snapshotFrom(const ValkeyReply &reply)
{
    const auto &e = reply.elements();
    StatsSnapshot s;
    s.atMs = e.value(0).toInteger();
    s.activeChats = int(e.value(1).toInteger());
    s.activeMitras = int(e.value(2).toInteger());
    s.pendingRequests = int(e.value(3).toInteger());
    s.defaultMaxCustomers = int(e.value(4).toInteger());
    for (qsizetype i = 5; i < e.size(); ++i) {
        const auto &m = e.at(i).elements();
        MitraStats row;
        row.id = m.value(0).toText();
        row.name = m.value(1).toText();
        row.status = presenceStatusFromString(m.value(2).toText()).value_or(PresenceStatus::Offline);
        row.activeSessions = int(m.value(3).toInteger());
        row.maxCustomers = int(m.value(4).toInteger());
        row.capacitySource =
            capacitySourceFromString(m.value(5).toText()).value_or(CapacitySource::Global);
        bool known = false;
        const qint64 since = m.value(6).toByteArray().toLongLong(&known);
        if (known && since > 0)
            row.statusSinceMs = since;
        s.mitras.append(row);
    }
    return s;
}

// The reply of sessions_list.lua: {id, request, customer, customer_name, mitra, mitra_name,
// state, created}...
QList<Session> sessionsFrom(const ValkeyReply &reply)
{
    QList<Session> sessions;
    for (const ValkeyReply &entry : reply.elements()) {
        const auto &e = entry.elements();
        Session s;
        s.id = e.value(0).toText();
        s.requestId = e.value(1).toText();
        s.customer = Party{e.value(2).toText(), e.value(3).toText()};
        s.mitra = Party{e.value(4).toText(), e.value(5).toText()};
        s.state = sessionStateFromString(e.value(6).toText()).value_or(SessionState::AwaitingPayment);
        s.startedAtMs = e.value(7).toInteger();
        sessions.append(s);
    }
    return sessions;
}

// The reply of requests_list.lua: {id, customer, customer_name, created, offered_to}...
QList<RequestSummary> requestsFrom(const ValkeyReply &reply)
{
    QList<RequestSummary> requests;
    for (const ValkeyReply &entry : reply.elements()) {
        const auto &e = entry.elements();
        requests.append(RequestSummary{e.value(0).toText(), Party{e.value(1).toText(), e.value(2).toText()},
                                       e.value(3).toInteger(), int(e.value(4).toInteger())});
    }
    return requests;
}

QString unavailableText(const ValkeyResult &result)
{
    return QStringLiteral("live state unavailable: %1").arg(result.errorText());
}

} // namespace

StaffQueries::StaffQueries(ValkeyClient &valkey, ValkeySubscriber &subscriber, PostgresStore &store,
                           QObject *parent)
    : QObject(parent), m_valkey(valkey), m_subscriber(subscriber), m_store(store)
{
    m_pushTimer.setSingleShot(true);
    connect(&m_pushTimer, &QTimer::timeout, this, &StaffQueries::pushSnapshot);
    const QByteArray channel = keys::statsChangedChannel();
    connect(&m_subscriber, &ValkeySubscriber::message, this,
            [this, channel](const QByteArray &from, const QByteArray &) {
                if (from == channel)
                    onStatsChanged();
            });
    // Pub/sub is at-most-once: changes published while the subscription was down are lost, so
    // every (re)subscription brings a fresh snapshot.
    connect(&m_subscriber, &ValkeySubscriber::subscribed, this, &StaffQueries::onStatsChanged);
    m_subscriber.subscribe(channel);
}

void StaffQueries::subscribeStats(ClientConnection *connection, const std::optional<QString> &ref)
{
    dropClosed();
    auto it =
        std::find_if(m_subscribers.begin(), m_subscribers.end(),
                     [connection](const Subscriber &s) { return s.connection == connection; });
    if (it == m_subscribers.end()) {
        m_subscribers.append(Subscriber{connection, {}, 0, 0, false});
        it = std::prev(m_subscribers.end());
        connect(connection, &ClientConnection::closed, this, [this](ClientConnection *c) {
            m_subscribers.removeIf([c](const Subscriber &s) { return s.connection == c; });
        });
    }
    // Subscribing again is answered like the first time (with this message's ref).
    it->ref = ref;
    it->firstSeq = m_nextSeq;
    it->answered = false;
    fetchSnapshot(false);
}

void StaffQueries::onStatsChanged()
{
    if (m_subscribers.isEmpty())
        return; // nobody watches on this instance: no snapshot to take
    if (m_pushInFlight) {
        // It may have read the state before this change: another push follows it.
        m_changedDuringPush = true;
        return;
    }
    if (m_pushTimer.isActive())
        return; // the push already due will show this change too
    qint64 wait = 0;
    if (m_sinceLastPush.isValid())
        wait = qMax<qint64>(0, kMinPushIntervalMs - m_sinceLastPush.elapsed());
    m_pushTimer.start(int(wait));
}

void StaffQueries::pushSnapshot()
{
    dropClosed();
    if (m_subscribers.isEmpty())
        return;
    m_pushInFlight = true;
    m_sinceLastPush.start();
    fetchSnapshot(true);
}

void StaffQueries::fetchSnapshot(bool push)
{
    const quint64 seq = m_nextSeq++;
    m_valkey.eval(LuaScripts::instance().statsSnapshot, {}, {}, this,
                  [this, seq, push](const ValkeyResult &result) {
                      if (push)
                          m_pushInFlight = false;
                      if (result.isError()) {
                          qWarning("stats snapshot failed: %s", qPrintable(result.errorText()));
                          refuseUnanswered(seq, unavailableText(result));
                          if (push && !m_subscribers.isEmpty())
                              m_pushTimer.start(kRetryMs);
                          return;
                      }
                      deliver(seq, push, snapshotFrom(result.reply()));
                      if (push && m_changedDuringPush) {
                          m_changedDuringPush = false;
                          onStatsChanged();
                      }
                  });
}

void StaffQueries::deliver(quint64 seq, bool push, const StatsSnapshot &snapshot)
{
    dropClosed();
    const QJsonObject message = serverMessage::stats(snapshot);
    for (Subscriber &s : m_subscribers) {
        if (seq < s.firstSeq || seq <= s.lastSentSeq)
            continue; // asked for before it joined, or older than what it has
        if (!push && s.answered)
            continue; // a first snapshot for someone else: pushes keep their own pace
        s.connection->send(s.answered ? message : withRef(message, s.ref));
        s.answered = true;
        s.lastSentSeq = seq;
    }
}

// The subscribers whose first snapshot this was get the failure instead; they are not
// subscribed (they may ask again).
void StaffQueries::refuseUnanswered(quint64 seq, const QString &text)
{
    m_subscribers.removeIf([seq, &text](const Subscriber &s) {
        if (s.answered || seq < s.firstSeq)
            return false;
        if (s.connection)
            s.connection->sendError(ErrorCode::Unavailable, text, s.ref);
        return true;
    });
}

void StaffQueries::dropClosed()
{
    m_subscribers.removeIf([](const Subscriber &s) {
        return !s.connection || s.connection->state() == ClientConnection::State::Closed;
    });
}

void StaffQueries::answerFromScript(ClientConnection *connection, const LuaScript &script,
                                    std::function<QJsonObject(const ValkeyReply &)> toMessage,
                                    const std::optional<QString> &ref)
{
    QPointer<ClientConnection> guard(connection);
    m_valkey.eval(script, {}, {}, this,
                  [guard, ref, toMessage = std::move(toMessage)](const ValkeyResult &result) {
                      if (!guard)
                          return;
                      if (result.isError()) {
                          guard->sendError(ErrorCode::Unavailable, unavailableText(result), ref);
                          return;
                      }
                      guard->send(withRef(toMessage(result.reply()), ref));
                  });
}

void StaffQueries::listSessions(ClientConnection *connection, const std::optional<QString> &ref)
{
    answerFromScript(
        connection, LuaScripts::instance().sessionsList,
        [](const ValkeyReply &reply) { return serverMessage::sessions(sessionsFrom(reply)); }, ref);
}

void StaffQueries::listRequests(ClientConnection *connection, const std::optional<QString> &ref)
{
    answerFromScript(
        connection, LuaScripts::instance().requestsList,
        [](const ValkeyReply &reply) { return serverMessage::requests(requestsFrom(reply)); }, ref);
}

void StaffQueries::presenceHistory(ClientConnection *connection,
                                   const clientmsg::PresenceHistory &query,
                                   const std::optional<QString> &ref)
{
    // The parser refuses this already; kept so the store is never asked an empty range.
    if (query.fromMs > query.toMs) {
        connection->sendError(ErrorCode::BadRequest,
                              QStringLiteral("presence.history: field 'from' must not be later "
                                             "than field 'to'"),
                              ref);
        return;
    }
    QPointer<ClientConnection> guard(connection);
    const auto storeDown = [guard, ref](const QString &why) {
        if (guard)
            guard->sendError(ErrorCode::Unavailable,
                             QStringLiteral("presence history unavailable: %1").arg(why), ref);
    };
    whenReady(
        this, m_store.mitraExists(query.mitraId),
        [this, guard, ref, query, storeDown](bool exists) {
            if (!guard)
                return;
            if (!exists) {
                guard->sendError(ErrorCode::NotFound, QStringLiteral("no such mitra"), ref);
                return;
            }
            whenReady(
                this, m_store.presenceIntervals(query.mitraId, query.fromMs, query.toMs),
                [guard, ref, id = query.mitraId](const QList<PresenceInterval> &intervals) {
                    if (guard)
                        guard->send(withRef(serverMessage::presenceHistory(id, intervals), ref));
                },
                storeDown);
        },
        storeDown);
}

void StaffQueries::auditList(ClientConnection *connection, const clientmsg::AuditList &query,
                             const std::optional<QString> &ref)
{
    QPointer<ClientConnection> guard(connection);
    whenReady(
        this, m_store.auditEntries(AuditQuery{query.limit, query.beforeId, query.action}),
        [guard, ref](const AuditPage &page) {
            if (guard)
                guard->send(withRef(serverMessage::audit(page.entries, page.more), ref));
        },
        [guard, ref](const QString &why) {
            if (guard)
                guard->sendError(ErrorCode::Unavailable,
                                 QStringLiteral("audit log unavailable: %1").arg(why), ref);
        });
}

} // namespace hb
