-- Which mitras may be offered requests: online and with active sessions below their capacity
-- (the mitra's own override in hb:mitra:<id> `cap`, else hb:settings `global_cap`). The set of
-- available mitras is the round-robin rotation itself (lib/rotation.lua), so every script that
-- changes status, active sessions or capacity calls refresh_availability afterwards.
-- Needs: --#include rotation (before this file).

local function capacity_of(mitra_key)
  local own = redis.call('HGET', mitra_key, 'cap')
  if own then return tonumber(own), 'mitra' end
  return tonumber(redis.call('HGET', 'hb:settings', 'global_cap') or '3'), 'global'
end

local function is_available(id)
  local key = 'hb:mitra:' .. id
  local h = redis.call('HMGET', key, 'status', 'active')
  if h[1] ~= 'online' then return false end
  return (tonumber(h[2] or '0')) < capacity_of(key)
end

-- Returns true when the mitra is available after the call.
local function refresh_availability(id)
  if is_available(id) then
    rotation.join(id)
    return true
  end
  rotation.leave(id)
  return false
end
