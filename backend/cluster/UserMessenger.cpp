#include "UserMessenger.h"

#include "ConnectionDirectory.h"
#include "InstanceBus.h"
#include "gateway/ClientConnection.h"

#include <QJsonArray>

namespace hb {

namespace {
const QString kDeliver = QStringLiteral("deliver");
}

UserMessenger::UserMessenger(InstanceBus &bus, ConnectionDirectory &directory, QObject *parent)
    : QObject(parent), m_bus(bus), m_directory(directory)
{
    connect(&m_bus, &InstanceBus::received, this, &UserMessenger::onEvent);
}

void UserMessenger::deliver(const QString &userId, const QString &instance,
                            const QList<QJsonObject> &messages)
{
    if (ClientConnection *c = m_directory.find(userId)) {
        for (const QJsonObject &m : messages)
            c->send(m);
        return;
    }
    if (instance.isEmpty() || instance == m_bus.instanceId())
        return; // not connected anywhere we know of: the app resumes on reconnect
    QJsonArray list;
    for (const QJsonObject &m : messages)
        list.append(m);
    m_bus.send(instance, {{QStringLiteral("kind"), kDeliver},
                          {QStringLiteral("user"), userId},
                          {QStringLiteral("messages"), list}});
}

void UserMessenger::onEvent(const QJsonObject &event)
{
    if (event.value(QStringLiteral("kind")).toString() != kDeliver)
        return;
    ClientConnection *c = m_directory.find(event.value(QStringLiteral("user")).toString());
    if (!c)
        return;
    const QJsonArray list = event.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &m : list)
        c->send(m.toObject());
}

} // namespace hb
