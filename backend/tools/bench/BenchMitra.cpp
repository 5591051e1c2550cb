#include "BenchMitra.h"

#include "PairingStats.h"
#include "ProtocolClient.h"

namespace hb::bench {

namespace {

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

BenchMitra::BenchMitra(ProtocolClient *client, PairingStats *stats, QObject *parent)
    : QObject(parent), m_client(client), m_stats(stats)
{
    connect(client, &ProtocolClient::message, this, &BenchMitra::onMessage);
    connect(client, &ProtocolClient::ready, this,
            [this] { m_client->setHeartbeatInterval(m_client->heartbeatIntervalMs()); });
}

void BenchMitra::setOnline(bool online)
{
    m_wanted = online;
    m_client->send(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("presence.set")},
        {QStringLiteral("status"), online ? QStringLiteral("online") : QStringLiteral("offline")}});
}

void BenchMitra::onMessage(const QJsonObject &message, qint64 receivedNs)
{
    const QString type = str(message, "type");
    if (type == QLatin1String("offer")) {
        const QString requestId = str(message, "request_id");
        m_stats->noteOffer(requestId, receivedNs);
        m_acceptRefs.insert(
            m_client->send(QJsonObject{{QStringLiteral("type"), QStringLiteral("offer.accept")},
                                       {QStringLiteral("request_id"), requestId}}));
    } else if (type == QLatin1String("session.assigned")) {
        m_acceptRefs.remove(str(message, "ref"));
        const QJsonObject session = message.value(QStringLiteral("session")).toObject();
        m_stats->noteAssigned(str(session, "request_id"), receivedNs);
    } else if (type == QLatin1String("error")) {
        const QString code = str(message, "code");
        if (m_acceptRefs.remove(str(message, "ref")) && code == QLatin1String("conflict"))
            m_stats->countAcceptLost();
        else
            m_stats->countError(QStringLiteral("mitra:") + code);
    } else if (type == QLatin1String("presence")) {
        m_confirmed = str(message, "status") == QLatin1String("online");
        if (message.contains(QStringLiteral("reason")) && m_wanted && !m_confirmed) {
            // The server took this mitra offline (a missed heartbeat on a loaded machine):
            // count it and come back, as the app would.
            ++m_forcedOffline;
            m_stats->countError(QStringLiteral("mitra:forced_offline:") + str(message, "reason"));
            setOnline(true);
        }
    }
}

} // namespace hb::bench
