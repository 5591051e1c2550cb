#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>

namespace hb::bench {

class PairingStats;
class ProtocolClient;

// A mitra that accepts every offer the moment it arrives (the fastest possible human), beats
// its heart every `heartbeat_interval_s` from `welcome`, and leaves ending sessions to the
// customer. With broadcast every online mitra accepts every request, so all but one accept
// lose (`conflict`, or `capacity_full` for a mitra that won others meanwhile): that storm is
// part of what broadcast costs, and it is counted.
class BenchMitra : public QObject
{
    Q_OBJECT
public:
    BenchMitra(ProtocolClient *client, PairingStats *stats, QObject *parent = nullptr);

    ProtocolClient *client() const { return m_client; }
    void setOnline(bool online);
    // The server confirmed the status last asked for.
    bool isSettled() const { return m_confirmed == m_wanted; }
    // Times the server put this mitra offline by itself (e.g. heartbeat timeout).
    int forcedOffline() const { return m_forcedOffline; }

private:
    void onMessage(const QJsonObject &message, qint64 receivedNs);
    void accept(const QString &requestId);

    ProtocolClient *m_client;
    PairingStats *m_stats;
    QHash<QString, QString> m_acceptRequest; // `id` of each accept in flight -> request id
    // Offers still open whose accept was refused with `capacity_full`: accepted again as soon
    // as a slot frees, as a person looking at the still-open offer would.
    QSet<QString> m_refusedOpen;
    bool m_wanted = false;
    bool m_confirmed = false;
    int m_forcedOffline = 0;
};

} // namespace hb::bench
