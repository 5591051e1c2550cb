#pragma once

#include "store/valkey/ValkeyConfig.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>

namespace hb {

namespace detail {
class ValkeyConnection;
}

// A pub/sub connection of its own (a subscribed connection can run no other command; publish
// with ValkeyClient::publish). Channels can be added before or after start(); they are
// remembered and subscribed again after every reconnect.
//
// Pub/sub is at-most-once: messages published while disconnected are lost. subscribed() is
// emitted once every channel is confirmed after each (re)connect (and after a later
// subscribe() is confirmed); that is the moment to re-read whatever state the messages are
// about. Connection signals behave as ValkeyClient's.
class ValkeySubscriber : public QObject
{
    Q_OBJECT

public:
    explicit ValkeySubscriber(ValkeyConfig config, QObject *parent = nullptr);
    ~ValkeySubscriber() override;

    void start();
    bool isConnected() const;
    const ValkeyConfig &config() const;

    void subscribe(const QByteArray &channel);
    QList<QByteArray> channels() const { return m_channels; }

signals:
    void connected();
    void disconnected();
    void connectionFailed(const QString &reason);
    void subscribed();
    void message(const QByteArray &channel, const QByteArray &payload);

private:
    void onReady();
    void onConfirmed(const QByteArray &channel);

    detail::ValkeyConnection *m_connection;
    QList<QByteArray> m_channels;
    // Sent on this connection, not confirmed yet.
    QSet<QByteArray> m_awaiting;
};

} // namespace hb
