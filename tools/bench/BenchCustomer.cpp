#include "BenchCustomer.h"

#include "protocol/ClientMessageWriter.h"

#include "PairingStats.h"
#include "JsonFields.h"
#include "ProtocolClient.h"

namespace hb::bench {

namespace {

// After a cancel or an end is sent, how long to wait for its answer before giving up on it.
constexpr int kCleanupTimeoutMs = 5000;

} // namespace

BenchCustomer::BenchCustomer(ProtocolClient *client, PairingStats *stats, int requestTimeoutMs,
                             QObject *parent)
    : QObject(parent), m_client(client), m_stats(stats), m_requestTimeoutMs(requestTimeoutMs)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &BenchCustomer::onDeadline);
    connect(client, &ProtocolClient::message, this, &BenchCustomer::onMessage);
    connect(client, &ProtocolClient::closed, this, [this](const QString &) {
        m_stats->countError(QStringLiteral("customer:disconnected"));
        m_tickets = nullptr;
        m_deadline.stop();
        m_state = State::Idle;
    });
}

void BenchCustomer::start(TicketSource tickets)
{
    m_tickets = std::move(tickets);
    if (m_state == State::Idle)
        next();
}

void BenchCustomer::next()
{
    m_state = State::Idle;
    m_deadline.stop();
    if (!m_tickets || m_client->isClosed())
        return;
    const std::optional<bool> ticket = m_tickets();
    if (!ticket) {
        m_tickets = nullptr;
        return;
    }
    m_measured = *ticket;
    m_requestId.clear();
    m_sessionId.clear();
    m_foundNs = 0;
    m_state = State::Requesting;
    m_deadline.start(m_requestTimeoutMs);
    m_sentNs = ProtocolClient::nowNs();
    m_requestRef =
        m_client->send(toJson(ClientMessage::make(clientmsg::PairingRequest{})));
}

void BenchCustomer::nextSoon()
{
    // After an error, pause briefly so a persistent refusal cannot become a busy loop.
    m_state = State::Idle;
    m_deadline.stop();
    QTimer::singleShot(50, this, [this] {
        if (m_state == State::Idle)
            next();
    });
}

void BenchCustomer::cancel(const QString &requestId)
{
    m_state = State::Cancelling;
    m_deadline.start(kCleanupTimeoutMs);
    m_cancelRef =
        m_client->send(toJson(ClientMessage::make(clientmsg::PairingCancel{requestId})));
}

void BenchCustomer::onMessage(const QJsonObject &message, qint64 receivedNs)
{
    const QString type = textField(message, "type");
    const QString ref = textField(message, "ref");
    if (type == QLatin1String("pairing.searching")) {
        if (m_state == State::Requesting && ref == m_requestRef) {
            m_requestId = textField(message, "request_id");
            if (m_measured)
                m_stats->noteSearching(m_sentNs, receivedNs);
        }
    } else if (type == QLatin1String("pairing.found")) {
        if (m_state == State::Requesting)
            m_foundNs = receivedNs;
    } else if (type == QLatin1String("session.started")) {
        const QJsonObject session = message.value(QStringLiteral("session")).toObject();
        const QString sessionId = textField(session, "id");
        const QString requestId = textField(session, "request_id");
        const bool current =
            m_state == State::Requesting && (m_requestId.isEmpty() || requestId == m_requestId);
        if (current) {
            m_stats->complete(requestId, m_measured, m_sentNs, m_foundNs, receivedNs);
            m_state = State::Ending;
            m_sessionId = sessionId;
            m_deadline.start(kCleanupTimeoutMs);
        }
        // A session for a request this customer already gave up on is ended too, so no slot
        // stays taken.
        const QString endRef =
            m_client->send(toJson(ClientMessage::make(clientmsg::SessionEnd{sessionId})));
        if (current)
            m_endRef = endRef;
    } else if (type == QLatin1String("session.ended")) {
        if (m_state == State::Ending && textField(message, "session_id") == m_sessionId)
            next();
    } else if (type == QLatin1String("pairing.failed")) {
        if (m_state == State::Requesting && textField(message, "request_id") == m_requestId) {
            m_stats->countFailed(textField(message, "reason"));
            next();
        }
    } else if (type == QLatin1String("pairing.cancelled")) {
        if (m_state == State::Cancelling && ref == m_cancelRef)
            next();
    } else if (type == QLatin1String("error")) {
        const QString code = textField(message, "code");
        if (m_state == State::Requesting && ref == m_requestRef) {
            m_stats->countError(QStringLiteral("customer:request:") + code);
            // A request left open by an earlier attempt: close it, then carry on.
            if (code == QLatin1String("conflict") && message.contains(QStringLiteral("request_id")))
                cancel(textField(message, "request_id"));
            else
                nextSoon();
        } else if (m_state == State::Cancelling && ref == m_cancelRef) {
            // Typically `conflict`: the request was taken meanwhile; its session.started
            // (already seen or on its way) gets ended above.
            next();
        } else if (m_state == State::Ending && ref == m_endRef) {
            m_stats->countError(QStringLiteral("customer:end:") + code);
            next();
        }
    }
}

void BenchCustomer::onDeadline()
{
    switch (m_state) {
    case State::Requesting:
        m_stats->countTimeout();
        if (m_requestId.isEmpty())
            next(); // never acknowledged: a new request will meet it as `conflict` and cancel it
        else
            cancel(m_requestId);
        break;
    case State::Cancelling:
    case State::Ending:
        m_stats->countError(QStringLiteral("customer:no_answer"));
        next();
        break;
    case State::Idle:
        break;
    }
}

} // namespace hb::bench
