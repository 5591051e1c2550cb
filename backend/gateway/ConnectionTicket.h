#pragma once

#include "ConnectionCaps.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

namespace hb {

// One accepted socket's place in the ConnectionCaps and the address of the client behind it
// (the peer, or what a trusted proxy said). A child of the TCP socket, so its place is given
// back whatever path the socket takes to its end (refused by the gate, failed handshake, closed
// WebSocket); release() gives it back earlier and is idempotent.
class ConnectionTicket : public QObject
{
    Q_OBJECT
public:
    // `caps` has already admitted this connection (admitConnection()).
    ConnectionTicket(std::shared_ptr<ConnectionCaps> caps, QObject *socket);
    ~ConnectionTicket() override;

    // Counts the connection against `client`'s address. False (nothing counted) if that
    // address is at its cap.
    bool admitClient(const QHostAddress &client);
    QHostAddress clientAddress() const { return m_client; }
    void markAuthenticated();
    void release();

private:
    std::shared_ptr<ConnectionCaps> m_caps;
    QHostAddress m_client;
    QString m_addressKey; // empty until counted
    bool m_unauthenticated = true;
    bool m_released = false;
};

} // namespace hb
