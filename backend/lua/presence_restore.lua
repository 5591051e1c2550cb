-- Rebuilds live presence from the durable log (after Valkey lost its data, or at start-up):
-- for an interval PostgreSQL still has open, tell what Valkey knows about it, and if Valkey
-- knows nothing, mark the mitra online again with a fresh heartbeat window, so a mitra that is
-- really there keeps its interval and one that is gone times out normally.
-- KEYS[1] mitra hash  KEYS[2] online zset
-- ARGV[1] mitra id    ARGV[2] online_at ms of the open interval
-- Returns {state, since_ms, reason}: state 'same' (interval is live), 'restored', 'offline'
-- (Valkey says it went offline at since with reason) or 'newer' (a later interval is live).
--#include rotation
--#include availability
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local h = redis.call('HMGET', KEYS[1], 'status', 'since', 'reason')
-- Nothing known, or only an offline state older than the interval (Valkey restored from an old
-- snapshot): the interval is the newest truth.
if h[1] == false or (h[1] == 'offline' and tonumber(h[2] or '0') < tonumber(ARGV[2])) then
  local nows = string.format('%d', now)
  redis.call('HSET', KEYS[1], 'status', 'online', 'since', ARGV[2], 'last_hb', nows)
  redis.call('ZADD', KEYS[2], nows, ARGV[1])
  refresh_availability(ARGV[1])
  redis.call('PUBLISH', 'hb:stats:changed', '')
  return {'restored', ARGV[2], ''}
end
if h[1] == 'online' then
  if h[2] == ARGV[2] then return {'same', h[2], ''} end
  return {'newer', h[2], ''}
end
return {'offline', h[2], h[3] or ''}
