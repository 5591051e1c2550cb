#include "BenchMitra.h"

#include "protocol/ClientMessageWriter.h"

#include "PairingStats.h"
#include "JsonFields.h"
#include "ProtocolClient.h"

#include <utility>

namespace hb::bench {

void BenchMitra::accept(const QString &requestId)
{
    const QString ref =
        m_client->send(toJson(ClientMessage::make(clientmsg::OfferAccept{requestId})));
    m_acceptRequest.insert(ref, requestId);
}

BenchMitra::BenchMitra(ProtocolClient *client, PairingStats *stats, QObject *parent)
    : QObject(parent), m_client(client), m_stats(stats)
{
    connect(client, &ProtocolClient::message, this, &BenchMitra::onMessage);
    connect(client, &ProtocolClient::ready, this,
            [this] { m_client->setHeartbeatInterval(m_client->heartbeatIntervalMs()); });
    connect(client, &ProtocolClient::closed, this, [this](const QString &) {
        if (m_wanted)
            m_stats->countError(QStringLiteral("mitra:disconnected"));
    });
}

void BenchMitra::setOnline(bool online)
{
    m_wanted = online;
    const PresenceStatus status = online ? PresenceStatus::Online : PresenceStatus::Offline;
    m_client->send(toJson(ClientMessage::make(clientmsg::PresenceSet{status})));
}

void BenchMitra::onMessage(const QJsonObject &message, qint64 receivedNs)
{
    const QString type = textField(message, "type");
    if (type == QLatin1String("offer")) {
        const QString requestId = textField(message, "request_id");
        m_stats->noteOffer(requestId, receivedNs);
        accept(requestId);
    } else if (type == QLatin1String("offer.closed")) {
        m_refusedOpen.remove(textField(message, "request_id"));
    } else if (type == QLatin1String("session.ended")) {
        // A slot is free again: take one of the offers refused while full, if any is open.
        const QSet<QString> retry = std::exchange(m_refusedOpen, {});
        for (const QString &requestId : retry)
            accept(requestId);
    } else if (type == QLatin1String("session.assigned")) {
        m_acceptRequest.remove(textField(message, "ref"));
        const QJsonObject session = message.value(QStringLiteral("session")).toObject();
        m_stats->noteAssigned(textField(session, "request_id"), receivedNs);
    } else if (type == QLatin1String("error")) {
        const QString code = textField(message, "code");
        const QString ref = textField(message, "ref");
        const QString requestId = m_acceptRequest.take(ref);
        if (code == QLatin1String("capacity_full") && !requestId.isEmpty())
            m_refusedOpen.insert(requestId);
        if (!requestId.isEmpty() &&
            (code == QLatin1String("conflict") || code == QLatin1String("capacity_full")))
            m_stats->countAcceptRefused(code);
        else
            m_stats->countError(QStringLiteral("mitra:") + code);
    } else if (type == QLatin1String("presence")) {
        m_confirmed = textField(message, "status") == QLatin1String("online");
        if (message.contains(QStringLiteral("reason")) && m_wanted && !m_confirmed) {
            // The server took this mitra offline (a missed heartbeat on a loaded machine):
            // count it and come back, as the app would.
            ++m_forcedOffline;
            m_stats->countError(QStringLiteral("mitra:forced_offline:") + textField(message, "reason"));
            setOnline(true);
        }
    }
}

} // namespace hb::bench
