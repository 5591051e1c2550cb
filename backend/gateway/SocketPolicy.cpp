#include "SocketPolicy.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QMetaObject>
#include <QPointer>
#include <QTimer>

namespace hb {

SocketPolicy::SocketPolicy(qint64 maxBacklogBytes, int closeLingerMs)
    : m_maxBacklogBytes(maxBacklogBytes), m_closeLingerMs(closeLingerMs)
{
}

bool SocketPolicy::overBacklog(QAbstractSocket *socket, qint64 queued, qint64 size)
{
    if (m_dropping)
        return true;
    if (m_maxBacklogBytes <= 0 || queued + size <= m_maxBacklogBytes)
        return false;
    m_dropping = true;
    qWarning("peer %s is not reading (%lld bytes queued): dropping it",
             qPrintable(socket->peerAddress().toString()), static_cast<long long>(queued));
    QMetaObject::invokeMethod(socket, [socket] { socket->abort(); }, Qt::QueuedConnection);
    return true;
}

bool SocketPolicy::putOffClose(QAbstractSocket *socket)
{
    if (!std::exchange(m_lingerArmed, false) || m_lingering || m_dropping ||
        m_closeLingerMs <= 0 || socket->state() != QAbstractSocket::ConnectedState)
        return false;
    m_lingering = true;
    // Bounded: a peer that never answers is cut off. The timer dies with the socket.
    QTimer::singleShot(m_closeLingerMs, socket, [socket] { socket->abort(); });
    return true;
}

} // namespace hb
