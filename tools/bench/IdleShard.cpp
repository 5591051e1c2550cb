#include "IdleShard.h"

#include "protocol/ClientMessageWriter.h"

#include "ProtocolClient.h"
#include "Tokens.h"

#include <QJsonObject>

namespace hb::bench {

namespace {

// Handshakes in flight per shard: a holder with five shards opens 80 at a time, which a
// backend absorbs without its accept queue or hello deadline becoming the subject.
constexpr int kShardConnectWindow = 16;

} // namespace

IdleShard::IdleShard(Setup setup) : m_setup(std::move(setup))
{
    // A child, so moveToThread() takes it along with the shard.
    m_stopBound.setParent(this);
    m_stopBound.setSingleShot(true);
    connect(&m_stopBound, &QTimer::timeout, this, &IdleShard::finishStop);
}

IdleShard::~IdleShard()
{
    qDeleteAll(m_clients);
}

void IdleShard::start()
{
    for (int i = 0; i < m_setup.count; ++i) {
        const QString sub = QStringLiteral("%1-%2").arg(m_setup.prefix).arg(m_setup.first + i);
        auto *client =
            new ProtocolClient(m_setup.url, mintToolToken(m_setup.secret, Role::Mitra, sub, sub));
        const qsizetype index = m_clients.size();
        m_clients << client;
        m_online << false;
        connect(client, &ProtocolClient::ready, this, [this, client] {
            ++connected;
            --m_pending;
            client->send(
                toJson(ClientMessage::make(clientmsg::PresenceSet{PresenceStatus::Online})));
            client->setHeartbeatInterval(client->heartbeatIntervalMs());
            openMore();
        });
        connect(client, &ProtocolClient::message, this,
                [this, index](const QJsonObject &m, qint64) {
                    if (m.value(QStringLiteral("type")).toString() != QLatin1String("presence"))
                        return;
                    const bool isOnline =
                        m.value(QStringLiteral("status")).toString() == QLatin1String("online");
                    if (isOnline && !m_online[index]) {
                        m_online[index] = true;
                        ++online;
                    } else if (!isOnline && m_online[index]) {
                        m_online[index] = false;
                        --online;
                        if (m_stopping && --m_offlinePending == 0)
                            finishStop();
                    }
                });
        connect(client, &ProtocolClient::closed, this, [this, client, index](const QString &) {
            if (m_stopping)
                return;
            if (client->isReady()) {
                ++dropped;
                if (m_online[index]) {
                    m_online[index] = false;
                    --online;
                }
            } else {
                ++failed;
                --m_pending;
                openMore();
            }
        });
    }
    openMore();
}

void IdleShard::openMore()
{
    while (!m_stopping && m_pending < kShardConnectWindow && m_nextToOpen < m_clients.size()) {
        ++m_pending;
        m_clients.at(m_nextToOpen++)->open();
    }
}

void IdleShard::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    // Offline explicitly, so the instance does not keep thousands of mitras online until
    // their heartbeat timeout and a later phase is not offered to them.
    for (qsizetype i = 0; i < m_clients.size(); ++i) {
        if (m_online[i] && !m_clients[i]->isClosed()) {
            ++m_offlinePending;
            m_clients[i]->send(
                toJson(ClientMessage::make(clientmsg::PresenceSet{PresenceStatus::Offline})));
        }
    }
    if (m_offlinePending == 0)
        finishStop();
    else
        m_stopBound.start(20000);
}

void IdleShard::finishStop()
{
    if (m_finished)
        return;
    m_finished = true;
    m_stopBound.stop();
    for (ProtocolClient *client : std::as_const(m_clients))
        client->close();
    emit stopped();
}

} // namespace hb::bench
