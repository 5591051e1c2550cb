-- A supervisor takes a mitra offline (reason forced), in one atomic step with what follows from
-- it: it leaves the online set and the rotation (no more offers), and, if asked, each of its open
-- sessions moves to the least loaded mitra that can take it, exactly as session_reroute moves
-- one. Its open offers are closed afterwards like after any offline (offers_withdraw): an offer
-- cannot be accepted by an offline mitra anyway.
-- ARGV[1] mitra id  ARGV[2] staff id  ARGV[3] '1' to move its open sessions, else '0'
-- Returns {'not_found'} if Valkey knows nothing of the mitra (the caller asks PostgreSQL)
--      or {'ok', was_online (0/1), online_since_ms (0 if it was offline), offline_at_ms,
--          mitra_instance, {move...}, {kept session id...}}
-- where each move is move_session's reply (lib/reroute.lua); every open session of the mitra
-- is either moved or kept.
--#include common
--#include rotation
--#include availability
--#include reroute
local mitra, staff, move_all = ARGV[1], ARGV[2], ARGV[3] == '1'
local mkey = 'hb:mitra:' .. mitra
if redis.call('EXISTS', mkey) == 0 then return {'not_found'} end
local now = now_ms()
local h = redis.call('HMGET', mkey, 'status', 'since', 'instance')
local was_online, since = 0, 0
if h[1] == 'online' then
  was_online = 1
  since = tonumber(h[2]) or 0
  if now < since then now = since end
  redis.call('HSET', mkey, 'status', 'offline', 'since', fmt(now), 'reason', 'forced')
  redis.call('ZREM', 'hb:presence:online', mitra)
end
-- Offline mitras are never offered requests (their sessions stay unless moved below).
rotation.leave(mitra)

-- Its open sessions, oldest first (by creation, then id), so the outcome does not depend on
-- the set's order.
local sessions = {}
for _, sid in ipairs(redis.call('SMEMBERS', mkey .. ':sessions')) do
  local s = hgetall('hb:session:' .. sid)
  if (s.state == 'awaiting_payment' or s.state == 'active') and s.mitra == mitra then
    table.insert(sessions, {sid = sid, s = s, created = tonumber(s.created or '0') or 0})
  end
end
table.sort(sessions, function(a, b)
  if a.created ~= b.created then return a.created < b.created end
  return a.sid < b.sid
end)

local moved, kept = {}, {}
local candidates = {}
if move_all and #sessions > 0 then
  -- Who can take a session: exactly the mitras in the rotation (online and below capacity,
  -- lib/availability). Staff actions are rare, so reading all of them here is fine (pairing
  -- itself never does).
  for _, id in ipairs(redis.call('ZRANGE', rotation.RR_KEY, 0, -1)) do
    if id ~= mitra then
      local key = 'hb:mitra:' .. id
      table.insert(candidates, {id = id, active = tonumber(redis.call('HGET', key, 'active') or '0') or 0,
                                cap = capacity_of(key)})
    end
  end
end
for _, entry in ipairs(sessions) do
  local best = nil
  for _, c in ipairs(candidates) do
    if c.active < c.cap and
       (best == nil or c.active < best.active or (c.active == best.active and c.id < best.id)) then
      best = c
    end
  end
  if best and target_refusal(best.id) == nil then
    table.insert(moved, move_session(entry.sid, entry.s, best.id, staff, now))
    best.active = best.active + 1
  else
    table.insert(kept, entry.sid)
  end
end

if was_online == 1 or #moved > 0 then redis.call('PUBLISH', 'hb:stats:changed', '') end
local where = instance_of('mitra', mitra)
if where == '' then where = h[3] or '' end
return {'ok', was_online, since, now, where, moved, kept}
