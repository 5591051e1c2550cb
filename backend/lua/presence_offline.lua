-- A mitra goes offline (its own choice, staff, or server shutdown). Atomic with the heartbeat
-- sweep, so an interval is closed exactly once whoever gets there first.
-- KEYS[1] mitra hash  KEYS[2] online zset
-- ARGV[1] mitra id    ARGV[2] reason   ARGV[3] only if on this instance ('' = any)
-- Returns {closed (0/1), online_since_ms (or offline since), offline_at_ms}
--#include rotation
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local h = redis.call('HMGET', KEYS[1], 'status', 'since', 'instance')
if h[1] ~= 'online' or (ARGV[3] ~= '' and h[3] ~= ARGV[3]) then
  return {0, tonumber(h[2] or '0'), now}
end
local since = tonumber(h[2])
if now < since then now = since end
redis.call('HSET', KEYS[1], 'status', 'offline', 'since', string.format('%d', now), 'reason', ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[1])
-- Offline mitras are never offered requests (their running sessions stay).
rotation.leave(ARGV[1])
redis.call('PUBLISH', 'hb:stats:changed', '')
return {1, since, now}
