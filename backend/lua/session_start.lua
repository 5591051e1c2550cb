-- Payment confirmed: the session becomes active (only from awaiting_payment).
-- ARGV[1] session id
-- Returns {'ok', started_ms} or {'not_found'} / {'conflict', state}
--#include common
local skey = 'hb:session:' .. ARGV[1]
local state = redis.call('HGET', skey, 'state')
if not state then return {'not_found'} end
if state ~= 'awaiting_payment' then return {'conflict', state} end
local now = now_ms()
redis.call('HSET', skey, 'state', 'active', 'started', fmt(now))
return {'ok', now}
