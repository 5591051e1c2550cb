#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QObject>
#include <QString>

namespace hb {

class ValkeyClient;
class ValkeySubscriber;

// Events between backend instances over Valkey pub/sub: each instance listens on its own
// channel. Pub/sub is at-most-once, so nothing that matters travels only here: receivers treat
// an event as a hint to act on state kept in Valkey, and re-read that state on `resubscribed`.
//
// Events for another instance are gathered while the event loop handles what is ready now and
// published together once it is done (one PUBLISH per instance per pass, in the order sent): a
// broadcast offering a request to fifty mitras over there costs one message, not fifty.
class InstanceBus : public QObject
{
    Q_OBJECT
public:
    InstanceBus(ValkeyClient &client, ValkeySubscriber &subscriber, QString instanceId,
                QObject *parent = nullptr);

    const QString &instanceId() const { return m_instanceId; }

    // Delivers `event` (it must carry "kind") to `instance`; to this instance directly. Events
    // to one instance arrive in the order they were sent.
    void send(const QString &instance, const QJsonObject &event);

    // The payload of one PUBLISH: one event as itself, several as {"kind":"batch","events":[...]}.
    // (An instance of an older version ignores a batch, as it ignores any kind it does not know.)
    static QByteArray payloadFor(const QJsonArray &events);
    // The events of one payload, in order; empty if it is malformed.
    static QList<QJsonObject> eventsIn(const QByteArray &payload);

signals:
    void received(const QJsonObject &event);
    // The subscription is (again) in place: events may have been missed before this.
    void resubscribed();

private:
    void flush();

    ValkeyClient &m_client;
    QString m_instanceId;
    QList<QPair<QString, QJsonArray>> m_outbox; // per instance, in order of first use
    bool m_flushQueued = false;
};

} // namespace hb
