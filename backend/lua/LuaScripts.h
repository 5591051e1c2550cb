#pragma once

#include "store/valkey/LuaScript.h"

#include <QList>

namespace hb {

// Every Lua script the backend runs, loaded once from the resources compiled into the binary
// (the .lua files beside this header). Each decision that must have exactly one outcome across
// instances is one of these.
struct LuaScripts
{
    LuaScript presenceOnline;
    LuaScript presenceOffline;
    LuaScript presenceHeartbeat;
    LuaScript presenceExpire;
    LuaScript presenceRestore;
    LuaScript connectionClaim;
    LuaScript connectionRelease;
    // Pairing rotations (lua/lib/rotation.lua).
    LuaScript pickBroadcast;
    LuaScript pickRoundRobin;
    LuaScript pickWeighted;
    LuaScript rotationJoin;
    LuaScript rotationLeave;
    // Pairing and sessions.
    LuaScript requestCreate;
    LuaScript requestOffer;
    LuaScript offerAccept;
    LuaScript offerDecline;
    LuaScript offerTo;
    LuaScript requestClose;
    LuaScript requestsDue;
    LuaScript requestsWaiting;
    LuaScript offersExpire;
    LuaScript offersWithdraw;
    LuaScript sessionStart;
    LuaScript sessionEnd;
    LuaScript paymentFail;
    LuaScript followUpsClaim;
    LuaScript resumeState;
    LuaScript sessionRestore;
    LuaScript requestRestore;
    // Staff control.
    LuaScript capacitySet;
    LuaScript sessionReroute;
    LuaScript mitraForceOffline;
    // What staff watch (control/StaffQueries).
    LuaScript statsSnapshot;
    LuaScript sessionsList;
    LuaScript requestsList;

    static const LuaScripts &instance();
    // Every script above, for ValkeyClient::loadScripts.
    QList<LuaScript> all() const;

    // Replaces `--#include <name>` lines with lua/lib/<name>.lua (see LuaScripts.cpp).
    static QByteArray expandIncludes(const QByteArray &source);
};

} // namespace hb
