-- A mitra asks to go online. Atomic so that two instances (or a reconnect racing a sweep) can
-- never both see the offline->online transition: exactly one interval is opened.
-- KEYS[1] mitra hash  KEYS[2] online zset (score = last heartbeat ms)  KEYS[3] instance's mitra set
-- ARGV[1] mitra id    ARGV[2] instance id    ARGV[3] display name (shown to staff; '' = keep)
-- Returns {opened (0/1), online_since_ms, now_ms}
--#include rotation
--#include availability
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nows = string.format('%d', now)
local h = redis.call('HMGET', KEYS[1], 'status', 'since', 'name')
redis.call('SADD', KEYS[3], ARGV[1])
local renamed = (ARGV[3] or '') ~= '' and ARGV[3] ~= h[3]
if renamed then redis.call('HSET', KEYS[1], 'name', ARGV[3]) end
if h[1] == 'online' then
  redis.call('HSET', KEYS[1], 'last_hb', nows, 'instance', ARGV[2])
  redis.call('ZADD', KEYS[2], nows, ARGV[1])
  refresh_availability(ARGV[1])
  -- Staff watch names too (stats).
  if renamed then redis.call('PUBLISH', 'hb:stats:changed', '') end
  return {0, tonumber(h[2]), now}
end
redis.call('HSET', KEYS[1], 'status', 'online', 'since', nows, 'last_hb', nows, 'instance', ARGV[2])
redis.call('HDEL', KEYS[1], 'reason')
redis.call('ZADD', KEYS[2], nows, ARGV[1])
-- Online and below capacity: pairing may offer it requests from now on.
refresh_availability(ARGV[1])
-- Every instance's staff subscribers refresh their stats (StaffQueries).
redis.call('PUBLISH', 'hb:stats:changed', '')
return {1, now, now}
