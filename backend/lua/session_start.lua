-- Payment confirmed: the session becomes active (only from awaiting_payment, so a session the
-- payment sweep ended first stays ended). Returns the session as it is now: staff may have
-- moved it to another mitra while payment was pending.
-- KEYS[1] the outbox stream ('session.started' is appended there)  KEYS[2] the payment deadlines
-- ARGV[1] session id
-- Returns {'ok', started_ms, {'session', id, request, customer, customer_name, mitra,
--          mitra_name, state, created}, customer_instance, mitra_instance}
--      or {'not_found'} / {'conflict', state}
--#include common
--#include outbox
local sid = ARGV[1]
local skey = 'hb:session:' .. sid
local s = hgetall(skey)
if not s.state then return {'not_found'} end
if s.state ~= 'awaiting_payment' then return {'conflict', s.state} end
local now = now_ms()
redis.call('HSET', skey, 'state', 'active', 'started', fmt(now))
redis.call('ZREM', KEYS[2], sid)
outbox_emit(KEYS[1], 'session.started', {'session', sid, 'at', fmt(now)})
return {'ok', now, {'session', sid, s.request, s.customer, s.customer_name, s.mitra, s.mitra_name,
                    'active', s.created}, instance_of('customer', s.customer),
        instance_of('mitra', s.mitra)}
