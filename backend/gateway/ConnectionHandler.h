#pragma once

namespace hb {

class ClientConnection;
struct ClientMessage;

// What the gateway hands decoded messages to. The gateway owns sockets, framing, limits and
// role checks; everything the messages mean lives behind this interface.
class ConnectionHandler
{
public:
    virtual ~ConnectionHandler() = default;

    // `hello` or `login` arrived on a new connection. The handler answers by calling
    // connection->accept(...) or connection->reject(...), possibly later (it may need I/O).
    virtual void authenticate(ClientConnection *connection, const ClientMessage &message) = 0;

    // A well-formed message the connection's role may send, after authentication.
    virtual void handle(ClientConnection *connection, const ClientMessage &message) = 0;

    // The socket is gone (or is going). Called once for accepted connections only.
    virtual void connectionClosed(ClientConnection *connection) = 0;
};

} // namespace hb
