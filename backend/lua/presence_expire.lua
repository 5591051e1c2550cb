-- The heartbeat sweep: takes offline every mitra whose last heartbeat is older than the
-- timeout. Every instance runs it; the zset is ordered by last heartbeat, so the cost is the
-- number of expired mitras, not the number online, and each expiry is claimed by one run.
-- KEYS[1] online zset
-- ARGV[1] timeout ms  ARGV[2] max mitras per run  ARGV[3] mitra hash key prefix
-- Returns a flat list: id, online_since_ms, offline_at_ms, instance, ...
--#include rotation
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local timeout = tonumber(ARGV[1])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - timeout),
                       'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local key = ARGV[3] .. id
  local h = redis.call('HMGET', key, 'status', 'since', 'last_hb', 'instance')
  redis.call('ZREM', KEYS[1], id)
  if h[1] == 'online' then
    local since = tonumber(h[2])
    -- The mitra stopped being reachable when its timeout ran out, not when a sweep noticed
    -- (which may be much later if every instance was down meanwhile).
    local offAt = math.min(now, (tonumber(h[3]) or now) + timeout)
    if offAt < since then offAt = since end
    local offs = string.format('%d', offAt)
    redis.call('HSET', key, 'status', 'offline', 'since', offs, 'reason', 'heartbeat_timeout')
    rotation.leave(id)
    table.insert(out, id)
    table.insert(out, h[2])
    table.insert(out, offs)
    table.insert(out, h[4] or '')
  end
end
if #out > 0 then redis.call('PUBLISH', 'hb:stats:changed', '') end
return out
