-- Offers an open request to one given mitra that just became available (a waiting request is
-- served as soon as someone can take it), if it is still available and was never offered it.
-- Round-robin requests only take it while their batch has room.
-- ARGV[1] request id  ARGV[2] mitra id  ARGV[3] offer timeout ms
-- Returns {request_info, expires_ms, mitra instance} or {} if nothing was offered.
--#include common
--#include rotation
--#include availability
local rid, mitra = ARGV[1], ARGV[2]
local rkey = 'hb:req:' .. rid
local req = redis.call('HMGET', rkey, 'status', 'strategy', 'customer', 'customer_name', 'deadline')
if req[1] ~= 'open' or not is_available(mitra) then return {} end
local previous = redis.call('HGET', rkey .. ':offers', mitra)
if previous and previous ~= 'expired' then return {} end
local deadline = tonumber(req[5])
local expires = deadline
local now = now_ms()
if req[2] ~= 'broadcast' then
  local open = 0
  for _, st in ipairs(redis.call('HVALS', rkey .. ':offers')) do
    if st == 'open' then open = open + 1 end
  end
  if open >= tonumber(redis.call('HGET', 'hb:settings', 'rr_batch') or '1') then return {} end
  expires = math.min(deadline, now + tonumber(ARGV[3]))
  redis.call('ZADD', 'hb:offers:deadlines', fmt(expires), rid .. '|' .. mitra)
end
redis.call('HSET', rkey .. ':offers', mitra, 'open')
redis.call('SADD', 'hb:mitra:' .. mitra .. ':offers', rid)
redis.call('HSET', rkey, 'ever_offered', '1')
return {request_info(rid), expires, instance_of('mitra', mitra)}
