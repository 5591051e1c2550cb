#pragma once

#include "gateway/ConnectionHandler.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace hb {

class ConnectionDirectory;
class PostgresStore;
class PresenceService;

// Routes authenticated messages to the services that own them and answers authentication.
// It holds no state of its own: each service keeps its part.
class Dispatcher : public QObject, public ConnectionHandler
{
    Q_OBJECT
public:
    struct Options
    {
        QByteArray jwtSecret;
        QString instanceId;
        int heartbeatIntervalS = 10;
        int heartbeatTimeoutS = 30;
    };

    Dispatcher(Options options, PresenceService &presence, ConnectionDirectory &directory,
               PostgresStore &store, QObject *parent = nullptr);

    void authenticate(ClientConnection *connection, const ClientMessage &message) override;
    void handle(ClientConnection *connection, const ClientMessage &message) override;
    void connectionClosed(ClientConnection *connection) override;

private:
    Options m_options;
    PresenceService &m_presence;
    ConnectionDirectory &m_directory;
    PostgresStore &m_store;
};

} // namespace hb
