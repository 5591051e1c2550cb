#include "PresenceService.h"

#include "cluster/ConnectionDirectory.h"
#include "cluster/InstanceBus.h"
#include "cluster/Keys.h"
#include "gateway/ClientConnection.h"
#include "lua/LuaScripts.h"
#include "protocol/ServerMessages.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QPointer>
#include <QSet>

#include <memory>

namespace hb {

namespace {

const QString kPresenceEvent = QStringLiteral("presence");

std::optional<QString> unavailableText(const ValkeyResult &result)
{
    if (!result.isError())
        return std::nullopt;
    return QStringLiteral("presence store unavailable: %1").arg(result.errorText());
}

} // namespace

PresenceService::PresenceService(Options options, ValkeyClient &valkey, PostgresStore &store,
                                 InstanceBus &bus, ConnectionDirectory &directory, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_valkey(valkey), m_store(store), m_bus(bus),
      m_directory(directory)
{
    connect(&m_sweepTimer, &QTimer::timeout, this, &PresenceService::sweep);
    connect(&m_bus, &InstanceBus::received, this, &PresenceService::onEvent);
    // Pushes from other instances may have been lost while the subscription was down.
    connect(&m_bus, &InstanceBus::resubscribed, this, &PresenceService::resendAll);
}

void PresenceService::startSweeping()
{
    m_sweepTimer.start(m_options.sweepIntervalMs);
}

void PresenceService::stopSweeping()
{
    m_sweepTimer.stop();
}

void PresenceService::resume(ClientConnection *connection)
{
    const QString id = connection->identity().id;
    QPointer<ClientConnection> guard(connection);
    m_valkey.eval(LuaScripts::instance().presenceHeartbeat,
                  {keys::mitra(id), keys::onlineMitras(), keys::instanceMitras(m_options.instanceId)},
                  {id.toUtf8(), m_options.instanceId.toUtf8(),
                   connection->identity().name.toUtf8()},
                  this,
                  [this, guard](const ValkeyResult &result) {
                      if (!guard)
                          return;
                      if (auto text = unavailableText(result)) {
                          guard->sendError(ErrorCode::Unavailable, *text, std::nullopt);
                          return;
                      }
                      sendPresence(guard, result.reply(), std::nullopt);
                  });
}

void PresenceService::sendPresence(ClientConnection *connection, const ValkeyReply &state,
                                   const std::optional<QString> &ref)
{
    // state = {status, since, now, reason}: the reply of presence_heartbeat.lua
    const auto &e = state.elements();
    const auto status = presenceStatusFromString(QString::fromUtf8(e.value(0).toByteArray()))
                            .value_or(PresenceStatus::Offline);
    qint64 since = e.value(1).toByteArray().toLongLong();
    if (since == 0) // never been online: offline as of now
        since = e.value(2).toByteArray().toLongLong();
    std::optional<OfflineReason> reason;
    if (status == PresenceStatus::Offline)
        reason = offlineReasonFromString(QString::fromUtf8(e.value(3).toByteArray()));
    connection->send(withRef(serverMessage::presence(status, since, reason), ref));
}

void PresenceService::setStatus(ClientConnection *connection, PresenceStatus status,
                                const std::optional<QString> &ref)
{
    const QString id = connection->identity().id;
    QPointer<ClientConnection> guard(connection);
    if (status == PresenceStatus::Online) {
        m_valkey.eval(
            LuaScripts::instance().presenceOnline,
            {keys::mitra(id), keys::onlineMitras(), keys::instanceMitras(m_options.instanceId)},
            {id.toUtf8(), m_options.instanceId.toUtf8(), connection->identity().name.toUtf8()},
            this,
            [this, guard, id, ref](const ValkeyResult &result) {
                if (auto text = unavailableText(result)) {
                    if (guard)
                        guard->sendError(ErrorCode::Unavailable, *text, ref);
                    return;
                }
                const auto &e = result.reply().elements();
                const bool opened = e.value(0).toInteger() == 1;
                const qint64 since = e.value(1).toInteger();
                if (opened) {
                    m_store.recordOnline(id, since);
                    emit changed(id, PresenceStatus::Online);
                }
                if (guard)
                    guard->send(withRef(
                        serverMessage::presence(PresenceStatus::Online, since, std::nullopt), ref));
            });
        return;
    }

    m_valkey.eval(LuaScripts::instance().presenceOffline, {keys::mitra(id), keys::onlineMitras()},
                  {id.toUtf8(), toString(OfflineReason::Manual).toUtf8(), QByteArray()}, this,
                  [this, guard, id, ref](const ValkeyResult &result) {
                      if (auto text = unavailableText(result)) {
                          if (guard)
                              guard->sendError(ErrorCode::Unavailable, *text, ref);
                          return;
                      }
                      const auto &e = result.reply().elements();
                      const bool closed = e.value(0).toInteger() == 1;
                      const qint64 offlineAt = e.value(2).toInteger();
                      qint64 since = offlineAt;
                      if (closed) {
                          m_store.recordOffline(id, e.value(1).toInteger(), offlineAt,
                                                toString(OfflineReason::Manual));
                          emit changed(id, PresenceStatus::Offline);
                      } else if (e.value(1).toInteger() > 0) {
                          since = e.value(1).toInteger(); // already offline since then
                      }
                      if (guard)
                          guard->send(withRef(serverMessage::presence(PresenceStatus::Offline,
                                                                      since, std::nullopt),
                                              ref));
                  });
}

void PresenceService::heartbeat(ClientConnection *connection, const std::optional<QString> &ref)
{
    const QString id = connection->identity().id;
    QPointer<ClientConnection> guard(connection);
    m_valkey.eval(LuaScripts::instance().presenceHeartbeat,
                  {keys::mitra(id), keys::onlineMitras(), keys::instanceMitras(m_options.instanceId)},
                  {id.toUtf8(), m_options.instanceId.toUtf8(),
                   connection->identity().name.toUtf8()},
                  this,
                  [guard, ref](const ValkeyResult &result) {
                      if (!guard)
                          return;
                      if (auto text = unavailableText(result)) {
                          // Still ack: the app must not think the socket is dead. The missed
                          // beat only matters if Valkey stays down past the timeout.
                          guard->send(withRef(
                              serverMessage::heartbeatAck(QDateTime::currentMSecsSinceEpoch()),
                              ref));
                          return;
                      }
                      const auto &e = result.reply().elements();
                      guard->send(withRef(
                          serverMessage::heartbeatAck(e.value(2).toByteArray().toLongLong()), ref));
                  });
}

void PresenceService::sweep()
{
    if (m_sweepInFlight || !m_valkey.isConnected())
        return;
    m_sweepInFlight = true;
    m_valkey.eval(LuaScripts::instance().presenceExpire, {keys::onlineMitras()},
                  {QByteArray::number(m_options.heartbeatTimeoutMs),
                   QByteArray::number(m_options.sweepBatch), keys::mitraPrefix()},
                  this, [this](const ValkeyResult &result) {
                      m_sweepInFlight = false;
                      if (result.isError())
                          return;
                      const auto &e = result.reply().elements();
                      for (qsizetype i = 0; i + 3 < e.size(); i += 4) {
                          serverTookOffline(QString::fromUtf8(e.at(i).toByteArray()),
                                            e.at(i + 1).toByteArray().toLongLong(),
                                            e.at(i + 2).toByteArray().toLongLong(),
                                            OfflineReason::HeartbeatTimeout,
                                            QString::fromUtf8(e.at(i + 3).toByteArray()));
                      }
                      // A full batch means more may be waiting: don't wait a whole interval.
                      if (e.size() / 4 >= m_options.sweepBatch)
                          QTimer::singleShot(0, this, &PresenceService::sweep);
                  });
}

void PresenceService::serverTookOffline(const QString &mitraId, qint64 onlineAtMs,
                                        qint64 offlineAtMs, OfflineReason reason,
                                        const QString &holdingInstance)
{
    m_store.recordOffline(mitraId, onlineAtMs, offlineAtMs, toString(reason));
    emit changed(mitraId, PresenceStatus::Offline);
    // Tell the app, wherever its socket is, that the server took it offline.
    QJsonObject event{{QStringLiteral("kind"), kPresenceEvent},
                      {QStringLiteral("mitra"), mitraId},
                      {QStringLiteral("since"), offlineAtMs},
                      {QStringLiteral("reason"), toString(reason)}};
    if (holdingInstance.isEmpty() || holdingInstance == m_options.instanceId)
        onEvent(event);
    else
        m_bus.send(holdingInstance, event);
}

void PresenceService::onEvent(const QJsonObject &event)
{
    if (event.value(QStringLiteral("kind")).toString() != kPresenceEvent)
        return;
    ClientConnection *c = m_directory.find(Role::Mitra, event.value(QStringLiteral("mitra")).toString());
    if (!c)
        return;
    c->send(serverMessage::presence(
        PresenceStatus::Offline, static_cast<qint64>(event.value(QStringLiteral("since")).toDouble()),
        offlineReasonFromString(event.value(QStringLiteral("reason")).toString())));
}

void PresenceService::resendAll()
{
    for (ClientConnection *c : m_directory.all()) {
        if (c->identity().role != Role::Mitra)
            continue;
        QPointer<ClientConnection> guard(c);
        const QString id = c->identity().id;
        // Read-only on purpose: an open socket is not a heartbeat.
        m_valkey.command({QByteArrayLiteral("HMGET"), keys::mitra(id), QByteArrayLiteral("status"),
                          QByteArrayLiteral("since"), QByteArrayLiteral("last_hb"),
                          QByteArrayLiteral("reason")},
                         this, [this, guard](const ValkeyResult &result) {
                             if (guard && !result.isError())
                                 sendPresence(guard, result.reply(), std::nullopt);
                         });
    }
}

void PresenceService::reconcile(std::function<void(bool ok)> done)
{
    auto *watcher = new QFutureWatcher<QList<PresenceInterval>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done] {
        watcher->deleteLater();
        QList<PresenceInterval> open;
        try {
            open = watcher->result();
        } catch (const std::exception &e) {
            qWarning("presence reconcile: cannot read open intervals: %s", e.what());
            done(false);
            return;
        }
        auto remaining = std::make_shared<qsizetype>(open.size());
        auto allOk = std::make_shared<bool>(true);
        if (open.isEmpty()) {
            done(true);
            return;
        }
        for (const PresenceInterval &interval : std::as_const(open)) {
            m_valkey.eval(
                LuaScripts::instance().presenceRestore,
                {keys::mitra(interval.mitraId), keys::onlineMitras()},
                {interval.mitraId.toUtf8(), QByteArray::number(interval.onlineAtMs)}, this,
                [this, interval, remaining, allOk, done](const ValkeyResult &result) {
                    if (result.isError()) {
                        *allOk = false;
                    } else {
                        const auto &e = result.reply().elements();
                        const QByteArray state = e.value(0).toByteArray();
                        const qint64 since = e.value(1).toByteArray().toLongLong();
                        if (state == "offline") {
                            // Valkey saw it end; the write that logged it was lost with an
                            // instance that died. Log it as Valkey recorded it.
                            const QString reason = QString::fromUtf8(e.value(2).toByteArray());
                            m_store.recordOffline(
                                interval.mitraId, interval.onlineAtMs,
                                std::max(since, interval.onlineAtMs),
                                reason.isEmpty() ? toString(OfflineReason::Reconciled) : reason);
                        } else if (state == "newer") {
                            // A later interval is live, so this one ended before it began;
                            // the exact end was lost.
                            m_store.recordOffline(interval.mitraId, interval.onlineAtMs,
                                                  std::max(since, interval.onlineAtMs),
                                                  toString(OfflineReason::Reconciled));
                        } else if (state == "restored") {
                            qInfo("presence: restored %s as online from the durable log",
                                  qPrintable(interval.mitraId));
                        }
                    }
                    if (--*remaining == 0)
                        done(*allOk);
                });
        }
    });
    watcher->setFuture(m_store.openIntervals());
}

void PresenceService::shutdown(std::function<void()> done)
{
    stopSweeping();
    const QByteArray setKey = keys::instanceMitras(m_options.instanceId);
    m_valkey.command(
        {QByteArrayLiteral("SMEMBERS"), setKey}, this,
        [this, setKey, done](const ValkeyResult &members) {
            // Mitras last heard through this instance: the set in Valkey (which includes those
            // whose socket already closed) plus every mitra connected here now (the set may
            // have been lost with a Valkey restart).
            QSet<QString> ids;
            if (!members.isError())
                for (const auto &idReply : members.reply().elements())
                    ids.insert(QString::fromUtf8(idReply.toByteArray()));
            for (ClientConnection *c : m_directory.all())
                if (c->identity().role == Role::Mitra)
                    ids.insert(c->identity().id);
            if (ids.isEmpty()) {
                done();
                return;
            }
            auto remaining = std::make_shared<qsizetype>(ids.size());
            for (const QString &id : std::as_const(ids)) {
                // Only if the mitra is still on this instance: one that moved to another
                // instance stays online there.
                m_valkey.eval(
                    LuaScripts::instance().presenceOffline, {keys::mitra(id), keys::onlineMitras()},
                    {id.toUtf8(), toString(OfflineReason::ServerShutdown).toUtf8(),
                     m_options.instanceId.toUtf8()},
                    this, [this, id, remaining, setKey, done](const ValkeyResult &result) {
                        if (!result.isError()) {
                            const auto &e = result.reply().elements();
                            if (e.value(0).toInteger() == 1) {
                                m_store.recordOffline(id, e.value(1).toInteger(),
                                                      e.value(2).toInteger(),
                                                      toString(OfflineReason::ServerShutdown));
                                pushToLocal(id, serverMessage::presence(
                                                    PresenceStatus::Offline, e.value(2).toInteger(),
                                                    OfflineReason::ServerShutdown));
                            }
                        }
                        if (--*remaining == 0) {
                            m_valkey.command({QByteArrayLiteral("DEL"), setKey}, this,
                                             [done](const ValkeyResult &) { done(); });
                        }
                    });
            }
        });
}

void PresenceService::pushToLocal(const QString &mitraId, const QJsonObject &message)
{
    if (ClientConnection *c = m_directory.find(Role::Mitra, mitraId))
        c->send(message);
}

} // namespace hb
