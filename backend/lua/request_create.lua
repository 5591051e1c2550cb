-- A customer taps "Mulai Curhat". Atomic, so a customer can never hold two open requests, even
-- when two of its messages reach two instances at once.
-- ARGV[1] request id  ARGV[2] customer id  ARGV[3] customer name  ARGV[4] search time ms
-- ARGV[5] strategy to use unless staff set one (hb:settings `strategy`)
-- ARGV[6] offer timeout ms: the request is offered at once, in the same step (lib/offering.lua)
-- Returns {'ok', created_ms, deadline_ms, strategy, offers} where offers is what
-- request_offer returns, or {'conflict', open request id}
-- or {'session', open session id} (a customer already in a session cannot search again).
--#include common
--#include rotation
--#include offering
local rid, customer = ARGV[1], ARGV[2]
local ckey = 'hb:customer:' .. customer
local c = redis.call('HMGET', ckey, 'request', 'session')
if c[1] then return {'conflict', c[1]} end
if c[2] then return {'session', c[2]} end
local now = now_ms()
local deadline = now + tonumber(ARGV[4])
local strategy = redis.call('HGET', 'hb:settings', 'strategy') or ARGV[5]
redis.call('HSET', 'hb:req:' .. rid, 'customer', customer, 'customer_name', ARGV[3],
           'status', 'open', 'created', fmt(now), 'deadline', fmt(deadline),
           'strategy', strategy, 'ever_offered', '0')
redis.call('ZADD', 'hb:requests:open', fmt(now), rid)
redis.call('ZADD', 'hb:requests:deadlines', fmt(deadline), rid)
redis.call('HSET', ckey, 'request', rid)
redis.call('PUBLISH', 'hb:stats:changed', '')
return {'ok', now, deadline, strategy, offer_next(rid, ARGV[6])}
