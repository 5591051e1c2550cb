-- Ends an open request without a winner: the customer cancelled it, or its deadline passed.
-- Every open offer is closed with the matching reason.
-- ARGV[1] request id  ARGV[2] 'cancelled' or 'failed'  ARGV[3] customer id that asks ('' when
-- the server does)
-- Returns {'ok', customer_instance, reason, closed_ms, request_info, {mitra, instance}...}
--      or {'not_found'} / {'forbidden'} / {'conflict', status}
--#include common
local rid, status, asker = ARGV[1], ARGV[2], ARGV[3]
local rkey = 'hb:req:' .. rid
local req = hgetall(rkey)
if not req.status then return {'not_found'} end
if asker ~= '' and req.customer ~= asker then return {'forbidden'} end
if req.status ~= 'open' then return {'conflict', req.status} end
local now = now_ms()
local reason, offer_reason = 'cancelled', 'cancelled'
if status == 'failed' then
  offer_reason = 'expired'
  if req.ever_offered == '1' then reason = 'timeout' else reason = 'no_bestie_available' end
end
local closed = {}
local offers = hgetall(rkey .. ':offers')
for mitra, st in pairs(offers) do
  if st == 'open' then
    redis.call('HSET', rkey .. ':offers', mitra, offer_reason)
    redis.call('SREM', 'hb:mitra:' .. mitra .. ':offers', rid)
    redis.call('ZREM', 'hb:offers:deadlines', rid .. '|' .. mitra)
    table.insert(closed, {mitra, instance_of('mitra', mitra)})
  end
end
redis.call('HSET', rkey, 'status', status, 'reason', reason, 'closed', fmt(now))
redis.call('EXPIRE', rkey, 86400)
redis.call('EXPIRE', rkey .. ':offers', 86400)
redis.call('ZREM', 'hb:requests:open', rid)
redis.call('ZREM', 'hb:requests:deadlines', rid)
redis.call('HDEL', 'hb:customer:' .. req.customer, 'request')
redis.call('PUBLISH', 'hb:stats:changed', '')
local out = {'ok', instance_of('customer', req.customer), reason, now, request_info(rid)}
for _, c in ipairs(closed) do table.insert(out, c) end
return out
