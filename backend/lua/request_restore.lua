-- Rebuilds one open request from the durable log after Valkey lost its data, so its customer is
-- not left searching forever: it is open again until its original deadline (past deadlines are
-- failed by the next sweep), and the sweep offers it again (its offers are not restored).
-- ARGV: request id, customer, customer_name, strategy, created_ms, deadline_ms
-- Returns 1 if restored, 0 if Valkey already knew it (or the customer has another request).
local rid, customer = ARGV[1], ARGV[2]
local rkey = 'hb:req:' .. rid
if redis.call('EXISTS', rkey) == 1 then return 0 end
local ckey = 'hb:customer:' .. customer
if redis.call('HEXISTS', ckey, 'request') == 1 then return 0 end
redis.call('HSET', rkey, 'customer', customer, 'customer_name', ARGV[3], 'status', 'open',
           'created', ARGV[5], 'deadline', ARGV[6], 'strategy', ARGV[4], 'ever_offered', '0')
redis.call('ZADD', 'hb:requests:open', ARGV[5], rid)
redis.call('ZADD', 'hb:requests:deadlines', ARGV[6], rid)
redis.call('HSET', ckey, 'request', rid)
redis.call('PUBLISH', 'hb:stats:changed', '')
return 1
