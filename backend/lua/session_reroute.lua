-- Staff move a session (awaiting_payment or active) to another mitra, atomically: the target
-- must be online and below capacity; the old mitra's slot is freed and the new one's taken.
-- Two staff moving the same session at once: the first wins, the second gets conflict (a
-- session moved in the last ARGV[5] ms by someone else, or no longer where the caller saw it
-- when ARGV[4] names the mitra it expects, is refused).
-- ARGV[1] session id  ARGV[2] target mitra  ARGV[3] staff id  ARGV[4] expected current mitra
-- or ''  ARGV[5] guard window ms
-- Returns {'ok', rerouted_ms, from_mitra, from_instance, from_assigned_ms, to_instance,
--          customer_instance, request_info, session fields...} (lib/reroute.lua, move_session)
--      or {'not_found', what} / {'conflict', why} / {'mitra_offline'} / {'capacity_full'}
--#include common
--#include rotation
--#include availability
--#include reroute
local sid, to, staff, expected = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local s = hgetall('hb:session:' .. sid)
if not s.state then return {'not_found', 'session'} end
if s.state ~= 'awaiting_payment' and s.state ~= 'active' then return {'conflict', 'ended'} end
if s.mitra == to then return {'conflict', 'already with that mitra'} end
if expected ~= '' and s.mitra ~= expected then return {'conflict', 'moved meanwhile'} end
local now = now_ms()
if s.rerouted_by and s.rerouted_by ~= staff and
   now - tonumber(s.assigned_at or '0') < tonumber(ARGV[5]) then
  return {'conflict', 'just moved by another staff member'}
end
local refusal = target_refusal(to)
if refusal then return refusal end
local out = move_session(sid, s, to, staff, now)
redis.call('PUBLISH', 'hb:stats:changed', '')
table.insert(out, 1, 'ok')
return out
