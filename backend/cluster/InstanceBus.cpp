#include "InstanceBus.h"

#include "BusPayload.h"
#include "Keys.h"
#include "store/valkey/ValkeyClient.h"
#include "store/valkey/ValkeySubscriber.h"

#include <QJsonDocument>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace hb {

InstanceBus::InstanceBus(ValkeyClient &client, ValkeySubscriber &subscriber, QString instanceId,
                         QObject *parent)
    : QObject(parent), m_client(client), m_instanceId(std::move(instanceId))
{
    const QByteArray own = keys::busChannel(m_instanceId);
    connect(&subscriber, &ValkeySubscriber::message, this,
            [this, own](const QByteArray &channel, const QByteArray &payload) {
                if (channel != own)
                    return;
                const QList<QJsonObject> events = eventsIn(payload);
                if (events.isEmpty())
                    qWarning("instance bus: ignoring a malformed event on %s", own.constData());
                for (const QJsonObject &event : events)
                    emit received(event);
            });
    connect(&subscriber, &ValkeySubscriber::subscribed, this, &InstanceBus::resubscribed);
    subscriber.subscribe(own);
}

void InstanceBus::send(const QString &instance, const QJsonObject &event)
{
    if (instance == m_instanceId) {
        // Same process: no round trip, but still asynchronous like a real delivery.
        QTimer::singleShot(0, this, [this, event] { emit received(event); });
        return;
    }
    auto it = std::find_if(m_outbox.begin(), m_outbox.end(),
                           [&](const auto &entry) { return entry.first == instance; });
    if (it == m_outbox.end()) {
        m_outbox.append({instance, QJsonArray()});
        it = std::prev(m_outbox.end());
    }
    it->second.append(event);
    if (!m_flushQueued) {
        // Runs once the event loop has handled everything ready now.
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &InstanceBus::flush, Qt::QueuedConnection);
    }
}

void InstanceBus::flush()
{
    m_flushQueued = false;
    const auto outbox = std::exchange(m_outbox, {});
    for (const auto &[instance, events] : outbox)
        m_client.command({QByteArrayLiteral("PUBLISH"), keys::busChannel(instance),
                          payloadFor(events)},
                         this, [](const ValkeyResult &) {});
}

QByteArray InstanceBus::payloadFor(const QJsonArray &events)
{
    return busPayload::encode(events);
}

QList<QJsonObject> InstanceBus::eventsIn(const QByteArray &payload)
{
    return busPayload::decode(payload);
}

} // namespace hb
