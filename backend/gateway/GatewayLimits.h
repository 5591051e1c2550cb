#pragma once

#include "ConnectionCaps.h"
#include "UserRateLimiter.h"

namespace hb {

struct GatewayLimits
{
    int maxMessageBytes = 64 * 1024; // larger messages get `too_large`, the connection stays
    // Before `welcome` a client has only `hello`/`login` to say: anything larger than this is
    // closed with 1009 by the transport, so an unauthenticated peer cannot make us buffer more.
    int maxMessageBytesBeforeHello = 16 * 1024;
    int helloTimeoutMs = 10000;      // no hello/login by then: `unauthorized`, close 4001
    int maxQueuedBeforeReady = 32;   // messages held while authentication finishes
    int maxSendBacklogBytes = 8 * 1024 * 1024; // a peer that stops reading is dropped
    int abuseWindowMs = 60000;       // bad messages counted over this window...
    int maxBadMessagesPerWindow = 30; // ...and past this many the connection is closed
    int closeLingerMs = 5000; // after our close frame, how long the peer has to answer (SocketPolicy)
    // Valid messages, per connection (a token bucket); per user see `user`.
    double messagesPerS = 20.0;
    double messageBurst = 60.0;
    UserRateLimiter::Limits user;
    ConnectionCaps::Limits connections;
    int requestHeadTimeoutMs = 10000; // the whole HTTP request head must arrive by then
    int maxRequestHeadBytes = 16 * 1024; // request line and headers together
};

} // namespace hb
