-- A heartbeat (or a reconnect's hello) from a mitra. Only an online mitra's clock is pushed
-- forward: a heartbeat never brings an offline mitra back (that takes presence.set online).
-- KEYS[1] mitra hash  KEYS[2] online zset  KEYS[3] instance's mitra set
-- ARGV[1] mitra id    ARGV[2] instance id    ARGV[3] display name (shown to staff; '' = keep)
-- Returns {status ('online'/'offline'), since_ms, now_ms, reason or ''}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nows = string.format('%d', now)
local h = redis.call('HMGET', KEYS[1], 'status', 'since', 'reason', 'name')
-- A new token may carry a new name. Only a mitra Valkey already knows gets one: a hello from a
-- mitra that never went online creates no hash.
local name = ARGV[3] or ''
if h[1] and name ~= '' and name ~= h[4] then
  redis.call('HSET', KEYS[1], 'name', name)
  redis.call('PUBLISH', 'hb:stats:changed', '')
end
if h[1] == 'online' then
  redis.call('HSET', KEYS[1], 'last_hb', nows, 'instance', ARGV[2])
  redis.call('ZADD', KEYS[2], 'XX', nows, ARGV[1])
  redis.call('SADD', KEYS[3], ARGV[1])
  return {'online', h[2], nows, ''}
end
return {'offline', h[2] or '0', nows, h[3] or ''}
