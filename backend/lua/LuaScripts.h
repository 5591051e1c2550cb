#pragma once

#include "store/valkey/LuaScript.h"

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

    static const LuaScripts &instance();
};

} // namespace hb
