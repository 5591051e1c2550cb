#pragma once

namespace hb {

struct GatewayLimits
{
    int maxMessageBytes = 64 * 1024; // larger messages get `too_large`, the connection stays
    int helloTimeoutMs = 10000;      // no hello/login by then: `unauthorized`, close 4001
    int maxQueuedBeforeReady = 32;   // messages held while authentication finishes
    int maxSendBacklogBytes = 8 * 1024 * 1024; // a peer that stops reading is dropped
    int abuseWindowMs = 60000;       // bad messages counted over this window...
    int maxBadMessagesPerWindow = 30; // ...and past this many the connection is closed
};

} // namespace hb
