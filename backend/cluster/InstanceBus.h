#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace hb {

class ValkeyClient;
class ValkeySubscriber;

// Events between backend instances over Valkey pub/sub: each instance listens on its own
// channel. Pub/sub is at-most-once, so nothing that matters travels only here: receivers treat
// an event as a hint to act on state kept in Valkey, and re-read that state on `resubscribed`.
class InstanceBus : public QObject
{
    Q_OBJECT
public:
    InstanceBus(ValkeyClient &client, ValkeySubscriber &subscriber, QString instanceId,
                QObject *parent = nullptr);

    const QString &instanceId() const { return m_instanceId; }

    // Delivers `event` (it must carry "kind") to `instance`; to this instance directly.
    void send(const QString &instance, const QJsonObject &event);

signals:
    void received(const QJsonObject &event);
    // The subscription is (again) in place: events may have been missed before this.
    void resubscribed();

private:
    ValkeyClient &m_client;
    QString m_instanceId;
};

} // namespace hb
