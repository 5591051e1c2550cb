#include "SimMitra.h"

#include "protocol/ClientMessageWriter.h"

#include "JsonFields.h"
#include "ProtocolClient.h"
#include "SimCounters.h"

namespace hb::sim {

using bench::textField;

SimMitra::SimMitra(const QUrl &url, const QString &token, Behaviour behaviour,
                   SimCounters *counters, QRandomGenerator *random, QObject *parent)
    : QObject(parent), m_url(url), m_token(token), m_behaviour(behaviour), m_counters(counters),
      m_random(random)
{
    connect(&m_dropCheck, &QTimer::timeout, this, &SimMitra::onHeartbeatTick);
}

void SimMitra::start()
{
    connectNow();
}

bool SimMitra::isConnected() const
{
    return m_client && m_client->isReady() && !m_client->isClosed();
}

void SimMitra::connectNow()
{
    if (m_stopping)
        return;
    if (m_client)
        m_client->deleteLater(); // never delete a client from inside its own signal
    m_client = new bench::ProtocolClient(m_url, m_token, this);
    bench::ProtocolClient *client = m_client;
    connect(client, &bench::ProtocolClient::ready, this, [this, client] {
        m_backoff.reset();
        const QJsonObject welcome = client->welcomeMessage();
        m_heartbeatMs = client->heartbeatIntervalMs();
        m_heartbeatTimeoutMs =
            qMax(1, welcome.value(QStringLiteral("heartbeat_timeout_s")).toInt(30)) * 1000;
        client->setHeartbeatInterval(m_heartbeatMs);
        m_dropCheck.start(m_heartbeatMs);
        // After a drop the server re-sends presence and open offers and sessions; asking to be
        // online again is harmless if it still is.
        send(toJson(ClientMessage::make(clientmsg::PresenceSet{PresenceStatus::Online})));
    });
    connect(client, &bench::ProtocolClient::message, this,
            [this, client](const QJsonObject &message, qint64) {
                if (client == m_client)
                    onMessage(message);
            });
    connect(client, &bench::ProtocolClient::closed, this, [this, client](const QString &why) {
        if (client != m_client)
            return;
        if (!m_stopping && !m_away)
            m_counters->lastDisconnect = why;
        onClosed();
    });
    client->open();
}

void SimMitra::onClosed()
{
    m_online = false;
    m_dropCheck.stop();
    qDeleteAll(m_offerTimers);
    m_offerTimers.clear();
    m_acceptRefs.clear();
    if (m_stopping || m_away)
        return; // stopping, or a drop we caused: comeBackLater() reconnects
    ++m_counters->reconnects;
    QTimer::singleShot(m_backoff.next(), this, &SimMitra::connectNow);
}

void SimMitra::onHeartbeatTick()
{
    if (m_away || m_stopping || !isConnected())
        return;
    if (m_random->generateDouble() >= m_behaviour.dropRate)
        return;
    ++m_counters->drops;
    m_away = true;
    const bool networkLost = m_random->bounded(2) == 0;
    if (networkLost) {
        // No close frame: to the server this looks like a phone that lost its network.
        m_client->abort();
    } else {
        // Frozen app: the socket stays open but nothing is sent.
        m_frozen = true;
        m_client->setHeartbeatInterval(0);
    }
    comeBackLater(networkLost);
}

void SimMitra::comeBackLater(bool dropped)
{
    // Sometimes back before the server's heartbeat timeout (it should resume seamlessly),
    // sometimes after (it should have been put offline, and goes online again).
    const int silenceMs = int(m_heartbeatTimeoutMs * (0.5 + 1.5 * m_random->generateDouble()));
    QTimer::singleShot(silenceMs, this, [this, dropped] {
        m_away = false;
        if (m_stopping)
            return;
        if (dropped) {
            connectNow();
            return;
        }
        m_frozen = false;
        if (!isConnected())
            return;
        m_client->setHeartbeatInterval(m_heartbeatMs);
        if (!m_online) {
            send(toJson(ClientMessage::make(clientmsg::PresenceSet{PresenceStatus::Online})));
        }
    });
}

void SimMitra::onMessage(const QJsonObject &message)
{
    const QString type = textField(message, "type");
    if (type == QLatin1String("presence")) {
        m_online = textField(message, "status") == QLatin1String("online");
        if (!m_online && message.contains(QStringLiteral("reason"))) {
            ++m_counters->heartbeatTimeouts;
            if (!m_frozen && !m_stopping) {
                send(toJson(ClientMessage::make(clientmsg::PresenceSet{PresenceStatus::Online})));
            }
        }
    } else if (type == QLatin1String("offer")) {
        ++m_counters->offers;
        if (!m_frozen && !m_stopping)
            answerLater(textField(message, "request_id"));
    } else if (type == QLatin1String("offer.closed")) {
        delete m_offerTimers.take(textField(message, "request_id"));
    } else if (type == QLatin1String("session.assigned")) {
        if (!m_acceptRefs.take(textField(message, "ref")).isEmpty())
            ++m_counters->acceptsWon;
        trackSession(textField(message.value(QStringLiteral("session")).toObject(), "id"));
    } else if (type == QLatin1String("session.ended") || type == QLatin1String("session.removed")) {
        forgetSession(textField(message, "session_id"));
    } else if (type == QLatin1String("error")) {
        if (!m_acceptRefs.take(textField(message, "ref")).isEmpty())
            ++m_counters->acceptsRefused;
        else if (!(m_stopping || textField(message, "code") == QLatin1String("conflict")))
            ++m_counters->errors[QStringLiteral("mitra:") + textField(message, "code")];
    }
}

void SimMitra::answerLater(const QString &requestId)
{
    if (m_offerTimers.contains(requestId))
        return; // re-sent after a reconnect: already thinking about it
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, requestId, timer] {
        m_offerTimers.remove(requestId);
        timer->deleteLater();
        if (m_frozen || m_stopping || !isConnected())
            return;
        QJsonObject answer;
        if (m_random->generateDouble() < m_behaviour.declineProbability) {
            ++m_counters->declines;
            answer = toJson(ClientMessage::make(clientmsg::OfferDecline{requestId}));
        } else {
            ++m_counters->accepts;
            answer = toJson(ClientMessage::make(clientmsg::OfferAccept{requestId}));
        }
        const QString ref = send(answer);
        if (textField(answer, "type") == QLatin1String("offer.accept"))
            m_acceptRefs.insert(ref, requestId);
    });
    m_offerTimers.insert(requestId, timer);
    timer->start(around(m_behaviour.acceptDelayMs));
}

void SimMitra::trackSession(const QString &sessionId)
{
    if (sessionId.isEmpty() || m_sessionTimers.contains(sessionId))
        return;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, sessionId] {
        if (m_frozen || m_stopping || !isConnected())
            return; // the customer's side will end it
        send(toJson(ClientMessage::make(clientmsg::SessionEnd{sessionId})));
    });
    m_sessionTimers.insert(sessionId, timer);
    timer->start(around(m_behaviour.sessionSeconds * 1000));
}

void SimMitra::forgetSession(const QString &sessionId)
{
    if (QTimer *timer = m_sessionTimers.take(sessionId))
        timer->deleteLater();
}

QString SimMitra::send(const QJsonObject &message)
{
    return isConnected() ? m_client->send(message) : QString();
}

int SimMitra::around(int meanMs)
{
    // Uniform over half to one and a half times the mean: people are not metronomes.
    return int(meanMs * (0.5 + m_random->generateDouble()));
}

void SimMitra::stop()
{
    m_stopping = true;
    m_dropCheck.stop();
    qDeleteAll(m_offerTimers);
    m_offerTimers.clear();
    if (isConnected() && m_online) {
        send(toJson(ClientMessage::make(clientmsg::PresenceSet{PresenceStatus::Offline})));
    }
}

bool SimMitra::isSettled() const
{
    return !isConnected() || !m_online;
}

void SimMitra::disconnectNow()
{
    if (m_client)
        m_client->close();
}

} // namespace hb::sim
