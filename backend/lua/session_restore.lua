-- Rebuilds one open session from the durable log after Valkey lost its data: the session, its
-- mitra's slot and the customer's link. A session Valkey still knows (open or recently ended:
-- ended ones are kept a day) is left alone, so running this at every start is harmless.
-- A session restored awaiting payment gets a fresh payment deadline (its old one was lost with
-- the rest), so the payment sweep still ends it if payment never comes.
-- KEYS[1] the payment deadlines (cluster/Keys.h)
-- ARGV: session id, request id, customer, customer_name, mitra, mitra_name, state, created_ms,
--       payment timeout ms
-- Returns 1 if restored, 0 if Valkey already knew it.
--#include common
--#include rotation
--#include availability
local sid = ARGV[1]
local skey = 'hb:session:' .. sid
if redis.call('EXISTS', skey) == 1 then return 0 end
local mitra = ARGV[5]
redis.call('HSET', skey, 'request', ARGV[2], 'customer', ARGV[3], 'customer_name', ARGV[4],
           'mitra', mitra, 'mitra_name', ARGV[6], 'state', ARGV[7], 'created', ARGV[8],
           'assigned_at', ARGV[8])
if ARGV[7] == 'awaiting_payment' then
  local deadline = fmt(now_ms() + tonumber(ARGV[9]))
  redis.call('HSET', skey, 'payment_deadline', deadline)
  redis.call('ZADD', KEYS[1], deadline, sid)
end
redis.call('SADD', 'hb:sessions:open', sid)
local mkey = 'hb:mitra:' .. mitra
if redis.call('SADD', mkey .. ':sessions', sid) == 1 then
  redis.call('HINCRBY', mkey, 'active', 1)
end
redis.call('HSET', 'hb:customer:' .. ARGV[3], 'session', sid)
refresh_availability(mitra)
redis.call('PUBLISH', 'hb:stats:changed', '')
return 1
