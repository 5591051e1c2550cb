#include "UserMessenger.h"

#include "ConnectionDirectory.h"
#include "InstanceBus.h"
#include "Keys.h"
#include "gateway/ClientConnection.h"
#include "protocol/ServerMessages.h"

#include <QJsonArray>

#include <algorithm>

namespace hb {

namespace {
const QString kDeliver = QStringLiteral("deliver");
}

UserMessenger::UserMessenger(InstanceBus &bus, ConnectionDirectory &directory, QObject *parent)
    : QObject(parent), m_bus(bus), m_directory(directory)
{
    connect(&m_bus, &InstanceBus::received, this, &UserMessenger::onEvent);
}

// On the bus a delivery is {"kind":"deliver","users":[user key...],"texts":[json...]}: every
// user (keys::userKey(), "<role>:<id>") gets every text, in order. The messages travel already
// encoded, so the receiving instance writes them to the sockets as they are instead of parsing
// and encoding them again.

void UserMessenger::deliver(Role role, const QString &userId, const QString &instance,
                            const QList<QJsonObject> &messages)
{
    if (ClientConnection *c = m_directory.find(role, userId)) {
        for (const QJsonObject &m : messages)
            c->send(m);
        return;
    }
    if (instance.isEmpty() || instance == m_bus.instanceId())
        return; // not connected anywhere we know of: the app resumes on reconnect
    QJsonArray texts;
    for (const QJsonObject &m : messages)
        texts.append(QString::fromUtf8(encode(m)));
    forward(instance, QJsonArray{keys::userKey(role, userId)}, texts);
}

void UserMessenger::deliverToMany(Role role, const QList<Recipient> &recipients,
                                  const QJsonObject &message)
{
    if (recipients.isEmpty())
        return;
    const QString text = QString::fromUtf8(encode(message));
    QList<QPair<QString, QJsonArray>> remote; // instance -> users, in order of first use
    for (const Recipient &r : recipients) {
        if (ClientConnection *c = m_directory.find(role, r.userId)) {
            c->sendText(text);
            continue;
        }
        if (r.instance.isEmpty() || r.instance == m_bus.instanceId())
            continue;
        auto it = std::find_if(remote.begin(), remote.end(),
                               [&](const auto &entry) { return entry.first == r.instance; });
        const QString key = keys::userKey(role, r.userId);
        if (it == remote.end())
            remote.append({r.instance, QJsonArray{key}});
        else
            it->second.append(key);
    }
    for (const auto &[instance, users] : std::as_const(remote))
        forward(instance, users, QJsonArray{text});
}

void UserMessenger::forward(const QString &instance, const QJsonArray &users,
                            const QJsonArray &texts)
{
    m_bus.send(instance, {{QStringLiteral("kind"), kDeliver},
                          {QStringLiteral("users"), users},
                          {QStringLiteral("texts"), texts}});
}

void UserMessenger::onEvent(const QJsonObject &event)
{
    if (event.value(QStringLiteral("kind")).toString() != kDeliver)
        return;
    const QJsonArray texts = event.value(QStringLiteral("texts")).toArray();
    for (const QJsonValue &user : event.value(QStringLiteral("users")).toArray()) {
        const QString key = user.toString();
        const qsizetype colon = key.indexOf(QLatin1Char(':'));
        const std::optional<Role> role = roleFromString(key.left(colon));
        if (colon < 0 || !role)
            continue; // not a user key: from an instance of another version
        ClientConnection *c = m_directory.find(*role, key.mid(colon + 1));
        if (!c)
            continue;
        for (const QJsonValue &text : texts)
            c->sendText(text.toString());
    }
}

} // namespace hb
