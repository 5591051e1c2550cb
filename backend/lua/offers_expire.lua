-- Round-robin offers nobody answered in time: closed as expired, so the request moves on.
-- ARGV[1] max offers
-- Returns {request_info, mitra, mitra instance}... for offers this call expired.
--#include common
local due = redis.call('ZRANGEBYSCORE', 'hb:offers:deadlines', '-inf', fmt(now_ms()), 'LIMIT', 0,
                       tonumber(ARGV[1]))
local out = {}
for _, member in ipairs(due) do
  redis.call('ZREM', 'hb:offers:deadlines', member)
  local bar = string.find(member, '|', 1, true)
  local rid, mitra = string.sub(member, 1, bar - 1), string.sub(member, bar + 1)
  local okey = 'hb:req:' .. rid .. ':offers'
  if redis.call('HGET', okey, mitra) == 'open' then
    redis.call('HSET', okey, mitra, 'expired')
    redis.call('SREM', 'hb:mitra:' .. mitra .. ':offers', rid)
    table.insert(out, {request_info(rid), mitra, instance_of('mitra', mitra)})
  end
end
return out
