#include "ValkeySubscriber.h"

#include "detail/ValkeyConnection.h"

#include <QPointer>

namespace hb {

ValkeySubscriber::ValkeySubscriber(ValkeyConfig config, QObject *parent)
    : QObject(parent), m_connection(new detail::ValkeyConnection(std::move(config), this))
{
    connect(m_connection, &detail::ValkeyConnection::ready, this, &ValkeySubscriber::onReady);
    connect(m_connection, &detail::ValkeyConnection::lost, this, [this] {
        m_awaiting.clear();
        emit disconnected();
    });
    connect(m_connection, &detail::ValkeyConnection::attemptFailed, this,
            &ValkeySubscriber::connectionFailed);
    connect(m_connection, &detail::ValkeyConnection::subscribeConfirmed, this,
            &ValkeySubscriber::onConfirmed);
    connect(m_connection, &detail::ValkeyConnection::pushMessage, this, &ValkeySubscriber::message);
}

ValkeySubscriber::~ValkeySubscriber()
{
    // First, so no signal of ours is emitted while we are half destroyed.
    delete m_connection;
}

void ValkeySubscriber::start()
{
    m_connection->start();
}

bool ValkeySubscriber::isConnected() const
{
    return m_connection->isReady();
}

const ValkeyConfig &ValkeySubscriber::config() const
{
    return m_connection->config();
}

void ValkeySubscriber::subscribe(const QByteArray &channel)
{
    if (m_channels.contains(channel))
        return;
    m_channels.append(channel);
    if (m_connection->isReady() && m_connection->sendSubscribe({channel}))
        m_awaiting.insert(channel);
}

void ValkeySubscriber::onReady()
{
    m_awaiting.clear();
    // Subscribe before telling anyone, so a slot on connected() cannot run in between. If the
    // send fails the connection is going down anyway: subscribed() waits for the next one.
    if (!m_channels.isEmpty()) {
        if (m_connection->sendSubscribe(m_channels))
            m_awaiting = QSet<QByteArray>(m_channels.cbegin(), m_channels.cend());
    }
    QPointer<ValkeySubscriber> self(this);
    emit connected();
    if (self && m_channels.isEmpty())
        emit subscribed();
}

void ValkeySubscriber::onConfirmed(const QByteArray &channel)
{
    if (m_awaiting.remove(channel) && m_awaiting.isEmpty())
        emit subscribed();
}

} // namespace hb
