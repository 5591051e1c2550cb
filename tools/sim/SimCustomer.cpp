#include "SimCustomer.h"

#include "protocol/ClientMessageWriter.h"

#include "JsonFields.h"
#include "ProtocolClient.h"
#include "SimCounters.h"

namespace hb::sim {

using bench::textField;

SimCustomer::SimCustomer(const QUrl &url, const QString &token, int sessionSeconds,
                         SimCounters *counters, QRandomGenerator *random, QObject *parent)
    : QObject(parent), m_url(url), m_token(token), m_sessionSeconds(sessionSeconds),
      m_counters(counters), m_random(random)
{
    m_sessionEnd.setSingleShot(true);
    connect(&m_sessionEnd, &QTimer::timeout, this, [this] {
        if (m_state == State::InSession)
            send(toJson(ClientMessage::make(clientmsg::SessionEnd{m_sessionId})));
    });
}

void SimCustomer::start()
{
    connectNow();
}

void SimCustomer::connectNow()
{
    if (m_stopping)
        return;
    if (m_client)
        m_client->deleteLater();
    m_client = new bench::ProtocolClient(m_url, m_token, this);
    bench::ProtocolClient *client = m_client;
    connect(client, &bench::ProtocolClient::ready, this, [this] {
        m_backoff.reset();
        // The server re-sends an open request or session right after `welcome`.
        becomeIdle();
    });
    connect(client, &bench::ProtocolClient::message, this,
            [this, client](const QJsonObject &message, qint64 ns) {
                if (client == m_client)
                    onMessage(message, ns);
            });
    connect(client, &bench::ProtocolClient::closed, this, [this, client](const QString &why) {
        if (client != m_client)
            return;
        if (!m_stopping)
            m_counters->lastDisconnect = why;
        onClosed();
    });
    client->open();
}

void SimCustomer::onClosed()
{
    m_state = State::Disconnected;
    m_sessionEnd.stop();
    m_sentNs = 0;
    if (m_stopping)
        return;
    ++m_counters->reconnects;
    QTimer::singleShot(m_backoff.next(), this, &SimCustomer::connectNow);
}

void SimCustomer::becomeIdle()
{
    m_state = State::Idle;
    m_sessionEnd.stop();
    m_sentNs = 0;
    m_requestId.clear();
    m_sessionId.clear();
}

void SimCustomer::request()
{
    if (!isIdle())
        return;
    ++m_counters->requests;
    m_state = State::Requesting;
    m_sentNs = bench::ProtocolClient::nowNs();
    m_requestRef = send(toJson(ClientMessage::make(clientmsg::PairingRequest{})));
}

void SimCustomer::onMessage(const QJsonObject &message, qint64 receivedNs)
{
    const QString type = textField(message, "type");
    if (type == QLatin1String("pairing.searching")) {
        m_state = State::Searching;
        m_requestId = textField(message, "request_id");
        if (m_stopping) // stop() came before the request was acknowledged
            send(toJson(ClientMessage::make(clientmsg::PairingCancel{m_requestId})));
    } else if (type == QLatin1String("session.awaiting_payment") ||
               type == QLatin1String("session.started")) {
        const QString sessionId = textField(message.value(QStringLiteral("session")).toObject(), "id");
        m_state = State::InSession;
        m_sessionId = sessionId;
        // Counted once per session, though a reconnect re-sends it.
        if (type == QLatin1String("session.started") && sessionId != m_startedSessionId) {
            m_startedSessionId = sessionId;
            ++m_counters->started;
            if (m_sentNs > 0) {
                m_counters->pairing.add(receivedNs - m_sentNs);
                m_counters->pairingInterval.add(receivedNs - m_sentNs);
                m_sentNs = 0;
            }
            const int meanMs = m_sessionSeconds * 1000;
            m_sessionEnd.start(int(meanMs * (0.5 + m_random->generateDouble())));
            if (m_stopping)
                send(toJson(ClientMessage::make(clientmsg::SessionEnd{m_sessionId})));
        }
    } else if (type == QLatin1String("session.ended")) {
        if (textField(message, "session_id") == m_sessionId) {
            ++m_counters->sessionsEnded[textField(message, "reason")];
            becomeIdle();
        }
    } else if (type == QLatin1String("session.rerouted")) {
        ++m_counters->rerouted;
    } else if (type == QLatin1String("pairing.failed")) {
        ++m_counters->failed[textField(message, "reason")];
        becomeIdle();
    } else if (type == QLatin1String("pairing.cancelled")) {
        becomeIdle();
    } else if (type == QLatin1String("error")) {
        const QString code = textField(message, "code");
        const QString ref = textField(message, "ref");
        if (ref == m_requestRef && code == QLatin1String("conflict") &&
            message.contains(QStringLiteral("request_id"))) {
            // A request from before a reconnect is still open: wait for that one.
            m_state = State::Searching;
            m_requestId = textField(message, "request_id");
        } else if (ref == m_requestRef) {
            ++m_counters->errors[QStringLiteral("customer:") + code];
            becomeIdle();
        } else if (code != QLatin1String("conflict") && code != QLatin1String("not_found")) {
            // conflict / not_found: the other side ended the session (or took the request)
            // at the same moment; the push saying so is on its way.
            ++m_counters->errors[QStringLiteral("customer:") + code];
        }
    }
}

QString SimCustomer::send(const QJsonObject &message)
{
    if (!m_client || !m_client->isReady() || m_client->isClosed())
        return QString();
    return m_client->send(message);
}

void SimCustomer::stop()
{
    m_stopping = true;
    m_sessionEnd.stop();
    if (m_state == State::Searching && !m_requestId.isEmpty())
        send(toJson(ClientMessage::make(clientmsg::PairingCancel{m_requestId})));
    else if (m_state == State::InSession)
        send(toJson(ClientMessage::make(clientmsg::SessionEnd{m_sessionId})));
}

bool SimCustomer::isSettled() const
{
    return m_state == State::Idle || m_state == State::Disconnected;
}

void SimCustomer::disconnectNow()
{
    if (m_client)
        m_client->close();
}

} // namespace hb::sim
