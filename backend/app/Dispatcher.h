#pragma once

#include "auth/Jwt.h"
#include "gateway/ConnectionHandler.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace hb {

class ConnectionDirectory;
class PairingService;
class PostgresStore;
class PresenceService;
class SessionService;
class ControlActions;
class ForceOffline;
class StaffAccess;
class StaffLogin;
class StaffQueries;

// Routes authenticated messages to the services that own them and answers authentication.
// It holds no state of its own: each service keeps its part.
class Dispatcher : public QObject, public ConnectionHandler
{
    Q_OBJECT
public:
    struct Options
    {
        JwtRules jwt;
        QString instanceId;
        int heartbeatIntervalS = 10;
        int heartbeatTimeoutS = 30;
    };

    // The services messages are routed to (owned elsewhere, outliving the dispatcher).
    struct Services
    {
        PresenceService &presence;
        PairingService &pairing;
        SessionService &sessions;
        ConnectionDirectory &directory;
        PostgresStore &store;
        StaffLogin &staffLogin;
        StaffQueries &staffQueries;
        ControlActions &controlActions;
        ForceOffline &forceOffline;
        StaffAccess &staffAccess;
    };

    Dispatcher(Options options, Services services, QObject *parent = nullptr);

    void authenticate(ClientConnection *connection, const ClientMessage &message) override;
    void handle(ClientConnection *connection, const ClientMessage &message) override;
    void connectionClosed(ClientConnection *connection) override;

private:
    Options m_options;
    Services m_services;
};

} // namespace hb
