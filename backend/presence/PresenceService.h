#pragma once

#include "domain/Presence.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace hb {

class ClientConnection;
class ConnectionDirectory;
class InstanceBus;
class PostgresStore;
class ValkeyClient;
class ValkeyReply;

// Mitra presence: online/offline on request, heartbeats, the heartbeat-timeout sweep, and the
// durable log of every online interval. Live state is in Valkey and every transition is one
// Lua script, so exactly one instance sees each transition and logs it; the log writes are
// idempotent by (mitra, online_at), so a retry or a repair can never duplicate an interval.
class PresenceService : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString instanceId;
        qint64 heartbeatTimeoutMs = 30000;
        int sweepIntervalMs = 1000;
        int sweepBatch = 500;
    };

    PresenceService(Options options, ValkeyClient &valkey, PostgresStore &store, InstanceBus &bus,
                    ConnectionDirectory &directory, QObject *parent = nullptr);

    void startSweeping();
    void stopSweeping();

    // A mitra connection was just welcomed: counts as a heartbeat if it is online, and sends
    // its current `presence` so the app resumes where it was.
    void resume(ClientConnection *connection);
    void setStatus(ClientConnection *connection, PresenceStatus status,
                   const std::optional<QString> &ref);
    void heartbeat(ClientConnection *connection, const std::optional<QString> &ref);

    // Makes Valkey agree with the log: intervals PostgreSQL has open are checked against live
    // state, closed if Valkey saw them end, restored if Valkey lost them (data loss/restart).
    void reconcile(std::function<void(bool ok)> done);

    // Clean shutdown: every mitra last heard through this instance goes offline with reason
    // server_shutdown, so no interval is left open. `done` runs when Valkey has answered.
    void shutdown(std::function<void()> done);

    // The server took a mitra offline in Valkey (heartbeat timeout, staff): logs the interval's
    // end, emits changed() (its offers close) and pushes `presence` with `reason` to its app on
    // whichever instance holds it (`holdingInstance`, '' if unknown: this one is tried).
    void serverTookOffline(const QString &mitraId, qint64 onlineAtMs, qint64 offlineAtMs,
                           OfflineReason reason, const QString &holdingInstance);

signals:
    // A mitra's status changed (anywhere the change was made by this instance).
    void changed(const QString &mitraId, hb::PresenceStatus status);

private:
    void sweep();
    void pushToLocal(const QString &mitraId, const QJsonObject &message);
    void onEvent(const QJsonObject &event);
    void resendAll();
    void sendPresence(ClientConnection *connection, const ValkeyReply &state,
                      const std::optional<QString> &ref);

    Options m_options;
    ValkeyClient &m_valkey;
    PostgresStore &m_store;
    InstanceBus &m_bus;
    ConnectionDirectory &m_directory;
    QTimer m_sweepTimer;
    bool m_sweepInFlight = false;
};

} // namespace hb
