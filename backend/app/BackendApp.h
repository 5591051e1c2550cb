#pragma once

#include "Config.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace hb {

class ConnectionDirectory;
class ControlActions;
class Dispatcher;
class EventShipper;
class ForceOffline;
class ImmediatePayment;
class InstanceBus;
class LiveStateRebuilder;
class PairingService;
class PairingSettingsLoader;
class PairingSweeper;
class PaymentSweeper;
class FollowUpSweeper;
class PostgresStore;
class PresenceService;
class SessionService;
class StaffAccess;
class StaffLogin;
class StaffQueries;
class UserMessenger;
class ValkeyClient;
class ValkeySubscriber;
class WebSocketGateway;

// Wires one backend instance together and runs its life: start-up (stores reachable, schema
// migrated, live state reconciled, then listening) and clean shutdown (stop accepting, take
// this instance's mitras offline, close sockets, let queued database writes land).
class BackendApp : public QObject
{
    Q_OBJECT
public:
    explicit BackendApp(Config config, QObject *parent = nullptr);
    ~BackendApp() override;

    void start();
    void stop();

    quint16 port() const;
    QByteArray healthJson() const;

signals:
    void started();
    void failed(const QString &reason); // one line for the operator
    void stopped();

private:
    void onStoreReady();
    void maybeFinishStartup();
    void finishStartup(bool reconciled);
    // Settings, then sessions and requests, then presence: Valkey agrees with the log again.
    void restoreLiveState(std::function<void(bool ok)> done);
    void fail(const QString &reason);
    void finishStop();

    enum class Phase { Idle, Starting, Running, Stopping, Stopped };

    Config m_config;
    Phase m_phase = Phase::Idle;
    bool m_valkeyReady = false;
    bool m_postgresReady = false;
    bool m_postgresUp = false;
    QTimer m_startupDeadline;
    std::unique_ptr<ValkeyClient> m_valkey;
    std::unique_ptr<ValkeySubscriber> m_subscriber;
    std::unique_ptr<PostgresStore> m_store;
    std::unique_ptr<InstanceBus> m_bus;
    std::unique_ptr<ConnectionDirectory> m_directory;
    std::unique_ptr<PresenceService> m_presence;
    std::unique_ptr<UserMessenger> m_messenger;
    std::unique_ptr<ImmediatePayment> m_payment;
    std::unique_ptr<SessionService> m_sessions;
    std::unique_ptr<PairingService> m_pairing;
    std::unique_ptr<PairingSweeper> m_pairingSweeper;
    std::unique_ptr<PaymentSweeper> m_paymentSweeper;
    std::unique_ptr<FollowUpSweeper> m_followUpSweeper;
    std::unique_ptr<EventShipper> m_shipper;
    std::unique_ptr<PairingSettingsLoader> m_settingsLoader;
    std::unique_ptr<LiveStateRebuilder> m_rebuilder;
    std::unique_ptr<StaffLogin> m_staffLogin;
    std::unique_ptr<StaffQueries> m_staffQueries;
    std::unique_ptr<ControlActions> m_controlActions;
    std::unique_ptr<ForceOffline> m_forceOffline;
    std::unique_ptr<StaffAccess> m_staffAccess;
    std::unique_ptr<Dispatcher> m_dispatcher;
    std::unique_ptr<WebSocketGateway> m_gateway;
};

} // namespace hb
