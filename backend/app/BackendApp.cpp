#include "BackendApp.h"

#include "Dispatcher.h"
#include "cluster/ConnectionDirectory.h"
#include "cluster/InstanceBus.h"
#include "cluster/UserMessenger.h"
#include "control/ControlActions.h"
#include "control/ForceOffline.h"
#include "control/StaffAccess.h"
#include "control/StaffLogin.h"
#include "control/StaffQueries.h"
#include "durable/EventShipper.h"
#include "gateway/ClientConnection.h"
#include "gateway/CloseCodes.h"
#include "gateway/ServerTls.h"
#include "gateway/WebSocketGateway.h"
#include "lua/LuaScripts.h"
#include "pairing/LiveStateRebuilder.h"
#include "pairing/PairingService.h"
#include "pairing/PairingSettingsLoader.h"
#include "pairing/PairingSweeper.h"
#include "presence/PresenceService.h"
#include "sessions/FollowUpSweeper.h"
#include "sessions/ImmediatePayment.h"
#include "sessions/PaymentSweeper.h"
#include "sessions/SessionService.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"
#include "store/valkey/ValkeySubscriber.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace hb {

namespace {

// The database URL without its password, for messages.
QString redactedUrl(const QString &url)
{
    QUrl u(url);
    if (!u.password().isEmpty())
        u.setPassword(QStringLiteral("***"));
    return u.toString();
}

} // namespace

BackendApp::BackendApp(Config config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
}

BackendApp::~BackendApp()
{
    // Sockets and services first: they hold references into the stores.
    m_gateway.reset();
    m_dispatcher.reset();
    m_staffAccess.reset();
    m_forceOffline.reset();
    m_controlActions.reset();
    m_staffQueries.reset();
    m_staffLogin.reset();
    m_pairingSweeper.reset();
    m_paymentSweeper.reset();
    m_followUpSweeper.reset();
    m_shipper.reset();
    m_settingsLoader.reset();
    m_rebuilder.reset();
    m_pairing.reset();
    m_sessions.reset();
    m_payment.reset();
    m_messenger.reset();
    m_presence.reset();
    m_directory.reset();
    m_bus.reset();
    m_store.reset();
    m_subscriber.reset();
    m_valkey.reset();
}

void BackendApp::start()
{
    m_phase = Phase::Starting;

    QString error;
    const auto valkeyConfig = parseValkeyUrl(m_config.valkeyUrl, &error);
    if (!valkeyConfig) {
        fail(QStringLiteral("HALOBESTIE_VALKEY_URL: %1").arg(error));
        return;
    }
    m_valkey = std::make_unique<ValkeyClient>(*valkeyConfig);
    // Loaded at every (re)connect, so EVALSHA finds them: a script whose EVALSHA met NOSCRIPT
    // runs only once its EVAL retry is sent, which a command timeout (a lost reply) prevents.
    m_valkey->loadScripts(LuaScripts::instance().all());
    m_subscriber = std::make_unique<ValkeySubscriber>(*valkeyConfig);
    m_store = std::make_unique<PostgresStore>(
        PostgresConfig{m_config.databaseUrl, m_config.instanceId, m_config.startupTimeoutS});

    m_bus = std::make_unique<InstanceBus>(*m_valkey, *m_subscriber, m_config.instanceId);
    m_directory = std::make_unique<ConnectionDirectory>(*m_valkey, *m_bus);
    m_presence = std::make_unique<PresenceService>(
        PresenceService::Options{m_config.instanceId, m_config.heartbeatTimeoutS * 1000LL,
                                 m_config.sweepIntervalMs, 500},
        *m_valkey, *m_store, *m_bus, *m_directory);
    m_messenger = std::make_unique<UserMessenger>(*m_bus, *m_directory);
    m_payment = std::make_unique<ImmediatePayment>(
        m_config.paymentDelayMs, ImmediatePayment::modeFromString(m_config.paymentMode));
    m_sessions = std::make_unique<SessionService>(*m_valkey, *m_store, *m_messenger, *m_payment);
    m_pairing = std::make_unique<PairingService>(
        PairingService::Options{m_config.pairingStrategy, m_config.requestTimeoutS * 1000LL,
                                m_config.offerTimeoutS * 1000LL, m_config.paymentTimeoutS * 1000LL},
        *m_valkey, *m_store, *m_messenger, *m_sessions);
    m_pairingSweeper =
        std::make_unique<PairingSweeper>(*m_valkey, *m_pairing, m_config.sweepIntervalMs);
    m_paymentSweeper =
        std::make_unique<PaymentSweeper>(*m_valkey, *m_sessions, m_config.sweepIntervalMs);
    // Completes what a decision owed when its reply was lost (a command timeout, a crash).
    m_followUpSweeper = std::make_unique<FollowUpSweeper>(*m_valkey, *m_messenger, *m_sessions,
                                                          m_config.sweepIntervalMs);
    // Ships the durable log from the Valkey outbox to PostgreSQL (backend/durable).
    m_shipper = std::make_unique<EventShipper>(*m_valkey, *m_store, m_config.instanceId,
                                               EventShipper::Options{});
    m_settingsLoader = std::make_unique<PairingSettingsLoader>(*m_valkey, *m_store,
                                                               m_config.defaultMaxCustomers);
    m_rebuilder = std::make_unique<LiveStateRebuilder>(*m_valkey, *m_store,
                                                       m_config.paymentTimeoutS * 1000LL);
    // A mitra that comes online or frees a slot is offered waiting requests; one that goes
    // offline has its open offers closed so their requests move on.
    connect(m_presence.get(), &PresenceService::changed, m_pairing.get(),
            [this](const QString &mitra, PresenceStatus status) {
                if (status == PresenceStatus::Online)
                    m_pairing->mitraBecameAvailable(mitra);
                else
                    m_pairing->mitraWentOffline(mitra);
            });
    connect(m_sessions.get(), &SessionService::mitraSlotFreed, m_pairing.get(),
            &PairingService::mitraBecameAvailable);
    connect(m_followUpSweeper.get(), &FollowUpSweeper::mitraSlotFreed, m_pairing.get(),
            &PairingService::mitraBecameAvailable);
    // Pub/sub is at-most-once: after the subscription comes back, offers and session pushes
    // may have been missed, so every app connected here is re-sent its state from Valkey.
    connect(m_bus.get(), &InstanceBus::resubscribed, m_sessions.get(), [this] {
        for (ClientConnection *c : m_directory->all())
            if (c->identity().role != Role::Staff)
                m_sessions->resume(c);
    });

    m_staffLogin = std::make_unique<StaffLogin>(
        StaffLogin::Options{m_config.jwt, m_config.instanceId, m_config.heartbeatIntervalS,
                            m_config.heartbeatTimeoutS},
        *m_store);
    // Password sign-ins, like token ones, hold the user's one live connection.
    connect(m_staffLogin.get(), &StaffLogin::signedIn, m_directory.get(),
            [this](ClientConnection *c) { m_directory->claim(c, [] {}); });
    m_staffQueries = std::make_unique<StaffQueries>(*m_valkey, *m_subscriber, *m_store);
    m_controlActions =
        std::make_unique<ControlActions>(*m_valkey, *m_store, *m_messenger, *m_pairing);
    m_forceOffline =
        std::make_unique<ForceOffline>(*m_valkey, *m_store, *m_messenger, *m_presence);
    m_staffAccess = std::make_unique<StaffAccess>(
        StaffAccess::Options{m_config.staffRecheckS * 1000,
                             // Half the hello deadline: "retry later" must come first.
                             qMax(200, m_config.helloTimeoutS * 1000 / 2)},
        *m_store, *m_directory,
        *m_subscriber);

    m_dispatcher = std::make_unique<Dispatcher>(
        Dispatcher::Options{m_config.jwt, m_config.instanceId, m_config.heartbeatIntervalS,
                            m_config.heartbeatTimeoutS},
        Dispatcher::Services{*m_presence, *m_pairing, *m_sessions, *m_directory, *m_store,
                             *m_staffLogin, *m_staffQueries, *m_controlActions,
                             *m_forceOffline, *m_staffAccess});

    WebSocketGateway::Options gatewayOptions;
    gatewayOptions.limits.maxMessageBytes = m_config.maxFrameBytes;
    gatewayOptions.limits.helloTimeoutMs = m_config.helloTimeoutS * 1000;
    gatewayOptions.limits.maxMessageBytesBeforeHello =
        std::min(m_config.maxFrameBytesBeforeHello, std::max(m_config.maxFrameBytes, 1024));
    gatewayOptions.limits.maxSendBacklogBytes = m_config.maxSendBacklogBytes;
    gatewayOptions.limits.messagesPerS = m_config.rateMessagesPerS;
    gatewayOptions.limits.messageBurst = m_config.rateMessageBurst;
    gatewayOptions.limits.user.messagesPerS = m_config.rateMessagesPerS;
    gatewayOptions.limits.user.messageBurst = m_config.rateMessageBurst;
    gatewayOptions.limits.user.costlyPerS = m_config.ratePairingPerMin / 60.0;
    gatewayOptions.limits.user.costlyBurst = m_config.ratePairingBurst;
    gatewayOptions.limits.connections.maxConnections = m_config.maxConnections;
    gatewayOptions.limits.connections.maxPerAddress = m_config.maxConnectionsPerAddress;
    gatewayOptions.limits.connections.maxUnauthenticated = m_config.maxUnauthenticated;
    gatewayOptions.limits.requestHeadTimeoutMs = m_config.requestHeadTimeoutS * 1000;
    {
        QString proxyError;
        gatewayOptions.trustedProxies =
            TrustedProxies::parse(m_config.trustedProxies, &proxyError).value_or(TrustedProxies());
    }
    if (!m_config.tlsCertFile.isEmpty()) {
        QString tlsError;
        const auto tls = loadServerTls(m_config.tlsCertFile, m_config.tlsKeyFile, &tlsError);
        if (!tls) {
            fail(tlsError);
            return;
        }
        gatewayOptions.tls = *tls;
    }
    gatewayOptions.allowedOrigins = m_config.allowedOrigins;
    // Apps heartbeat every interval; a socket silent for three intervals is dead.
    gatewayOptions.pingIntervalMs = m_config.heartbeatIntervalS * 1000;
    gatewayOptions.silentLimitMs = m_config.heartbeatIntervalS * 3000LL + 5000;
    m_gateway = std::make_unique<WebSocketGateway>(gatewayOptions, m_dispatcher.get(),
                                                   [this] { return healthJson(); });

    connect(m_valkey.get(), &ValkeyClient::connected, this, [this] {
        if (m_phase == Phase::Starting) {
            m_valkeyReady = true;
            maybeFinishStartup();
        } else if (m_phase == Phase::Running) {
            // Valkey came back, perhaps empty after a restart: rebuild live state from the log.
            qInfo("Valkey connection restored: reconciling live state with PostgreSQL");
            restoreLiveState([](bool) {});
        }
    });
    connect(m_valkey.get(), &ValkeyClient::connectionFailed, this, [this](const QString &reason) {
        if (m_phase == Phase::Starting)
            fail(reason);
        else if (m_phase == Phase::Running)
            qWarning("%s", qPrintable(reason));
    });
    connect(m_valkey.get(), &ValkeyClient::disconnected, this,
            [] { qWarning("lost the Valkey connection: reconnecting"); });
    connect(m_store.get(), &PostgresStore::connectionLost, this, [this](const QString &reason) {
        m_postgresUp = false;
        qWarning("lost the PostgreSQL connection (%s): writes are queued and retried",
                 qPrintable(reason));
    });
    connect(m_store.get(), &PostgresStore::connectionRestored, this, [this] {
        m_postgresUp = true;
        qInfo("PostgreSQL connection restored");
    });

    m_startupDeadline.setSingleShot(true);
    connect(&m_startupDeadline, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("start-up timed out after %1 s waiting for %2")
                 .arg(m_config.startupTimeoutS)
                 .arg(!m_valkeyReady ? QStringLiteral("Valkey at %1").arg(m_config.valkeyUrl)
                                     : QStringLiteral("PostgreSQL at %1")
                                           .arg(redactedUrl(m_config.databaseUrl))));
    });
    m_startupDeadline.start(m_config.startupTimeoutS * 1000 + 2000);

    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        try {
            watcher->waitForFinished(); // rethrows the failure, if any
        } catch (const std::exception &e) {
            fail(QString::fromUtf8(e.what()));
            return;
        }
        onStoreReady();
    });
    watcher->setFuture(m_store->open());
    m_valkey->start();
    m_subscriber->start();
}

void BackendApp::onStoreReady()
{
    if (m_phase != Phase::Starting)
        return;
    m_postgresReady = true;
    m_postgresUp = true;
    maybeFinishStartup();
}

void BackendApp::maybeFinishStartup()
{
    if (!m_valkeyReady || !m_postgresReady || m_phase != Phase::Starting)
        return;
    restoreLiveState([this](bool ok) { finishStartup(ok); });
}

void BackendApp::restoreLiveState(std::function<void(bool ok)> done)
{
    m_settingsLoader->load([this, done](bool settingsOk) {
        m_rebuilder->rebuild([this, done, settingsOk](bool rebuiltOk) {
            m_presence->reconcile([done, settingsOk, rebuiltOk](bool reconciled) {
                done(settingsOk && rebuiltOk && reconciled);
            });
        });
    });
}

void BackendApp::finishStartup(bool reconciled)
{
    if (m_phase != Phase::Starting)
        return;
    if (!reconciled)
        qWarning("live state could not be fully restored from PostgreSQL; continuing");
    QString error;
    if (!m_gateway->listen(m_config.listenAddress, m_config.listenPort, &error)) {
        fail(QStringLiteral("cannot listen on %1:%2: %3")
                 .arg(m_config.listenAddress.toString())
                 .arg(m_config.listenPort)
                 .arg(error));
        return;
    }
    m_startupDeadline.stop();
    m_phase = Phase::Running;
    m_presence->startSweeping();
    m_pairingSweeper->start();
    m_paymentSweeper->start();
    m_followUpSweeper->start();
    m_shipper->start();
    emit started();
}

void BackendApp::fail(const QString &reason)
{
    if (m_phase != Phase::Starting)
        return;
    m_phase = Phase::Stopped;
    m_startupDeadline.stop();
    emit failed(reason);
}

quint16 BackendApp::port() const
{
    return m_gateway ? m_gateway->port() : 0;
}

QByteArray BackendApp::healthJson() const
{
    const bool valkeyUp = m_valkey && m_valkey->isConnected();
    // Events PostgreSQL refused for good: degraded until staff clear them.
    const int deadLetters = m_shipper ? m_shipper->deadLettersInStore() : 0;
    QJsonObject health{
        {QStringLiteral("status"), valkeyUp && m_postgresUp && deadLetters == 0
                                       ? QStringLiteral("ok")
                                       : QStringLiteral("degraded")},
        {QStringLiteral("dead_letters"), deadLetters},
        {QStringLiteral("outbox_shipped"), m_shipper ? double(m_shipper->shippedEvents()) : 0.0},
        {QStringLiteral("instance"), m_config.instanceId},
        {QStringLiteral("version"), QCoreApplication::applicationVersion()},
        {QStringLiteral("valkey"), valkeyUp},
        {QStringLiteral("postgres"), m_postgresUp},
        {QStringLiteral("connections"), m_gateway ? m_gateway->connectionCount() : 0},
        // Durable-log writes accepted and not yet committed: a number that keeps growing means
        // PostgreSQL is not keeping up with this instance.
        {QStringLiteral("postgres_queue"), m_store ? m_store->queuedJobs() : 0},
    };
    return QJsonDocument(health).toJson(QJsonDocument::Compact);
}

void BackendApp::stop()
{
    if (m_phase == Phase::Stopping)
        return;
    if (m_phase != Phase::Running) {
        m_phase = Phase::Stopped;
        emit stopped();
        return;
    }
    m_phase = Phase::Stopping;
    qInfo("stopping: taking this instance's mitras offline and closing connections");
    m_gateway->stopListening();
    // Valkey may be down: don't let shutdown hang on it.
    auto *guard = new QTimer(this);
    guard->setSingleShot(true);
    connect(guard, &QTimer::timeout, this, [this] {
        qWarning("Valkey did not answer during shutdown; stopping anyway");
        finishStop();
    });
    guard->start(5000);
    m_presence->shutdown([this, guard] {
        guard->stop();
        finishStop();
    });
}

void BackendApp::finishStop()
{
    if (m_phase != Phase::Stopping)
        return;
    m_pairingSweeper->stop();
    m_paymentSweeper->stop();
    m_followUpSweeper->stop();
    // A batch in flight stays pending in Valkey; the next start (or another instance) ships it.
    m_shipper->stop();
    m_phase = Phase::Stopped;
    m_gateway->closeAll(close_code::kGoingAway, QStringLiteral("server shutting down"));
    // The store's destructor lets queued writes (the intervals just closed) land first.
    m_store.reset();
    emit stopped();
}

} // namespace hb
