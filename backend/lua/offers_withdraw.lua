-- A mitra went offline: its open offers can no longer be accepted. They are closed (expired)
-- so the requests move on; running sessions are untouched.
-- ARGV[1] mitra id
-- Returns {mitra_instance, request_info...}: where the mitra's socket is ('' if nowhere; the
-- instance running this may not be the one holding it, e.g. after a forced offline or a
-- heartbeat timeout), then the request_info of each request whose offer was closed.
--#include common
local mitra = ARGV[1]
local skey = 'hb:mitra:' .. mitra .. ':offers'
local rids = redis.call('SMEMBERS', skey)
local out = {instance_of('mitra', mitra)}
for _, rid in ipairs(rids) do
  local okey = 'hb:req:' .. rid .. ':offers'
  if redis.call('HGET', okey, mitra) == 'open' then
    redis.call('HSET', okey, mitra, 'expired')
    redis.call('ZREM', 'hb:offers:deadlines', rid .. '|' .. mitra)
    table.insert(out, request_info(rid))
  end
end
redis.call('DEL', skey)
return out
