#include "UserMessenger.h"

#include "ConnectionDirectory.h"
#include "InstanceBus.h"
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

// On the bus a delivery is {"kind":"deliver","users":[id...],"texts":[json...]}: every user
// gets every text, in order. The messages travel already encoded, so the receiving instance
// writes them to the sockets as they are instead of parsing and encoding them again.
// (The older {"user":id,"messages":[object...]} form is still understood.)

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
    QJsonArray texts;
    for (const QJsonObject &m : messages)
        texts.append(QString::fromUtf8(encode(m)));
    forward(instance, QJsonArray{userId}, texts);
}

void UserMessenger::deliverToMany(const QList<Recipient> &recipients, const QJsonObject &message)
{
    if (recipients.isEmpty())
        return;
    const QString text = QString::fromUtf8(encode(message));
    QList<QPair<QString, QJsonArray>> remote; // instance -> users, in order of first use
    for (const Recipient &r : recipients) {
        if (ClientConnection *c = m_directory.find(r.userId)) {
            c->sendText(text);
            continue;
        }
        if (r.instance.isEmpty() || r.instance == m_bus.instanceId())
            continue;
        auto it = std::find_if(remote.begin(), remote.end(),
                               [&](const auto &entry) { return entry.first == r.instance; });
        if (it == remote.end())
            remote.append({r.instance, QJsonArray{r.userId}});
        else
            it->second.append(r.userId);
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
    if (event.contains(QStringLiteral("texts"))) {
        const QJsonArray texts = event.value(QStringLiteral("texts")).toArray();
        for (const QJsonValue &user : event.value(QStringLiteral("users")).toArray()) {
            ClientConnection *c = m_directory.find(user.toString());
            if (!c)
                continue;
            for (const QJsonValue &text : texts)
                c->sendText(text.toString());
        }
        return;
    }
    ClientConnection *c = m_directory.find(event.value(QStringLiteral("user")).toString());
    if (!c)
        return;
    const QJsonArray list = event.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &m : list)
        c->send(m.toObject());
}

} // namespace hb
