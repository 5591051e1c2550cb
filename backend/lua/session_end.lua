-- Either side ends a session: the mitra's slot is freed at once (and it may become available).
-- KEYS[1] the outbox stream ('session.ended' is appended there)
-- ARGV[1] session id  ARGV[2] user id asking  ARGV[3] 'customer' or 'mitra'
-- ARGV[4] the end reason PostgreSQL records (ended_by_customer, ended_by_mitra)
-- Returns {'ok', ended_ms, customer, customer_instance, mitra, mitra_instance, available (0/1)}
--      or {'not_found'} / {'forbidden'} / {'conflict', state}
--#include common
--#include rotation
--#include availability
--#include outbox
local sid, user, role, reason = ARGV[1], ARGV[2], ARGV[3], ARGV[4] or ''
local skey = 'hb:session:' .. sid
local s = hgetall(skey)
if not s.state then return {'not_found'} end
if (role == 'customer' and s.customer ~= user) or (role == 'mitra' and s.mitra ~= user) then
  return {'forbidden'}
end
if s.state == 'ended' then return {'conflict', 'ended'} end
local now = now_ms()
redis.call('HSET', skey, 'state', 'ended', 'ended', fmt(now))
-- Kept a day so a second end gets a precise answer.
redis.call('EXPIRE', skey, 86400)
outbox_emit(KEYS[1], 'session.ended', {'session', sid, 'at', fmt(now), 'reason', reason})
redis.call('SREM', 'hb:sessions:open', sid)
local mkey = 'hb:mitra:' .. s.mitra
redis.call('SREM', mkey .. ':sessions', sid)
if tonumber(redis.call('HINCRBY', mkey, 'active', -1)) < 0 then
  redis.call('HSET', mkey, 'active', '0')
end
redis.call('HDEL', 'hb:customer:' .. s.customer, 'session')
local available = 0
if refresh_availability(s.mitra) then available = 1 end
redis.call('PUBLISH', 'hb:stats:changed', '')
return {'ok', now, s.customer, instance_of('customer', s.customer), s.mitra, instance_of('mitra', s.mitra), available}
