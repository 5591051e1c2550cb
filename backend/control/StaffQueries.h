#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <optional>

namespace hb {

class ClientConnection;
class LuaScript;
class ValkeyReply;
class PostgresStore;
class ValkeyClient;
class ValkeySubscriber;
struct StatsSnapshot;
namespace clientmsg {
struct AuditList;
struct PresenceHistory;
}

// What staff watch: live stats (snapshot, then coalesced pushes on every change, the same on
// every instance), open sessions, open requests, a mitra's presence history, the audit log.
//
// Stats: the Lua scripts that change what `stats` shows publish on hb:stats:changed, so every
// instance hears every change whichever instance made it. Changes are coalesced here: one
// snapshot (one Lua call, atomic, so its numbers agree) serves every subscriber of this
// instance, at most one every kMinPushIntervalMs.
class StaffQueries : public QObject
{
    Q_OBJECT
public:
    // 10 pushes per second at most, as the protocol promises each subscriber.
    static constexpr int kMinPushIntervalMs = 100;
    // A push that failed (Valkey unreachable) is tried again after this long.
    static constexpr int kRetryMs = 1000;

    StaffQueries(ValkeyClient &valkey, ValkeySubscriber &subscriber, PostgresStore &store,
                 QObject *parent = nullptr);

    void subscribeStats(ClientConnection *connection, const std::optional<QString> &ref);
    void listSessions(ClientConnection *connection, const std::optional<QString> &ref);
    void listRequests(ClientConnection *connection, const std::optional<QString> &ref);
    void presenceHistory(ClientConnection *connection, const clientmsg::PresenceHistory &query,
                         const std::optional<QString> &ref);
    void auditList(ClientConnection *connection, const clientmsg::AuditList &query,
                   const std::optional<QString> &ref);

private:
    struct Subscriber
    {
        QPointer<ClientConnection> connection;
        std::optional<QString> ref; // of its stats.subscribe: goes with its first snapshot
        // Snapshots are numbered in the order they were asked for. A subscriber gets only those
        // asked for after it joined, each newer than the last it got, so it never sees an older
        // state after a newer one, nor a push before the reply to its subscribe.
        quint64 firstSeq = 0;
        quint64 lastSentSeq = 0;
        bool answered = false;
    };

    void onStatsChanged();
    void pushSnapshot();
    // Takes a snapshot for every subscriber (`push`) or only for those still owed their first.
    void fetchSnapshot(bool push);
    void deliver(quint64 seq, bool push, const StatsSnapshot &snapshot);
    void refuseUnanswered(quint64 seq, const QString &text);
    void dropClosed();
    // Runs a read-only script and answers the staff member with the message built from its
    // reply (or `unavailable`).
    void answerFromScript(ClientConnection *connection, const LuaScript &script,
                          std::function<QJsonObject(const ValkeyReply &)> toMessage,
                          const std::optional<QString> &ref);

    ValkeyClient &m_valkey;
    ValkeySubscriber &m_subscriber;
    PostgresStore &m_store;

    QList<Subscriber> m_subscribers;
    QTimer m_pushTimer;            // single shot: the next push, when one is due
    QElapsedTimer m_sinceLastPush; // invalid until the first push
    bool m_pushInFlight = false;
    bool m_changedDuringPush = false;
    quint64 m_nextSeq = 1;
};

} // namespace hb
