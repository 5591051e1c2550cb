#include "InstanceBus.h"

#include "Keys.h"
#include "store/valkey/ValkeyClient.h"
#include "store/valkey/ValkeySubscriber.h"

#include <QJsonDocument>
#include <QTimer>

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
                const QJsonDocument doc = QJsonDocument::fromJson(payload);
                if (doc.isObject())
                    emit received(doc.object());
                else
                    qWarning("instance bus: ignoring a malformed event on %s", own.constData());
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
    const QByteArray payload = QJsonDocument(event).toJson(QJsonDocument::Compact);
    m_client.command({QByteArrayLiteral("PUBLISH"), keys::busChannel(instance), payload}, this,
                     [](const ValkeyResult &) {});
}

} // namespace hb
