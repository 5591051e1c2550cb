-- Staff move a session (awaiting_payment or active) to another mitra, atomically: the target
-- must be online and below capacity; the old mitra's slot is freed and the new one's taken.
-- Two staff moving the same session at once: the first wins, the second gets conflict (a
-- session moved in the last ARGV[5] ms by someone else, or no longer where the caller saw it
-- when ARGV[4] names the mitra it expects, is refused).
-- ARGV[1] session id  ARGV[2] target mitra  ARGV[3] staff id  ARGV[4] expected current mitra
-- or ''  ARGV[5] guard window ms
-- Returns {'ok', rerouted_ms, from_mitra, from_instance, from_assigned_ms, to_instance,
--          customer_instance, request_info, session fields...}
--      or {'not_found'} / {'conflict', why} / {'mitra_offline'} / {'capacity_full'}
-- Session fields: id, request, customer, customer_name, mitra, mitra_name, state, created
--#include common
--#include rotation
--#include availability
local sid, to, staff, expected = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local skey = 'hb:session:' .. sid
local s = hgetall(skey)
if not s.state then return {'not_found', 'session'} end
if s.state ~= 'awaiting_payment' and s.state ~= 'active' then return {'conflict', 'ended'} end
if s.mitra == to then return {'conflict', 'already with that mitra'} end
if expected ~= '' and s.mitra ~= expected then return {'conflict', 'moved meanwhile'} end
local now = now_ms()
if s.rerouted_by and s.rerouted_by ~= staff and
   now - tonumber(s.assigned_at or '0') < tonumber(ARGV[5]) then
  return {'conflict', 'just moved by another staff member'}
end
local tkey = 'hb:mitra:' .. to
if redis.call('EXISTS', tkey) == 0 then return {'not_found', 'mitra'} end
if redis.call('HGET', tkey, 'status') ~= 'online' then return {'mitra_offline'} end
if tonumber(redis.call('HGET', tkey, 'active') or '0') >= capacity_of(tkey) then
  return {'capacity_full'}
end
local from, from_assigned = s.mitra, s.assigned_at or s.created
local fkey = 'hb:mitra:' .. from
redis.call('SREM', fkey .. ':sessions', sid)
if tonumber(redis.call('HINCRBY', fkey, 'active', -1)) < 0 then redis.call('HSET', fkey, 'active', '0') end
redis.call('SADD', tkey .. ':sessions', sid)
redis.call('HINCRBY', tkey, 'active', 1)
local to_name = redis.call('HGET', tkey, 'name') or to
redis.call('HSET', skey, 'mitra', to, 'mitra_name', to_name, 'assigned_at', fmt(now),
           'rerouted_by', staff)
refresh_availability(from)
refresh_availability(to)
redis.call('PUBLISH', 'hb:stats:changed', '')
return {'ok', now, from, instance_of(from), tonumber(from_assigned), instance_of(to),
        instance_of(s.customer), request_info(s.request),
        {'session', sid, s.request, s.customer, s.customer_name, to, to_name, s.state, s.created}}
