-- Either side ends a session: the mitra's slot is freed at once (and it may become available).
-- KEYS[1] the outbox stream ('session.ended' is appended there)  KEYS[2] the payment deadlines
-- KEYS[3] the follow-ups: telling both parties is recorded (lib/followup.lua), so they are told
-- even if this reply is lost.
-- ARGV[1] session id  ARGV[2] user id asking  ARGV[3] 'customer' or 'mitra'
-- ARGV[4] the end reason PostgreSQL records (ended_by_customer, ended_by_mitra)
-- Returns {'ok', sid, ended_ms, customer, customer_instance, mitra, mitra_instance, available,
--         follow-up member} (lib/closing.lua, lib/followup.lua)
--      or {'not_found'} / {'forbidden'} / {'conflict', state}
--#include common
--#include rotation
--#include availability
--#include outbox
--#include closing
--#include followup
local sid, user, role, reason = ARGV[1], ARGV[2], ARGV[3], ARGV[4] or ''
local s = hgetall('hb:session:' .. sid)
if not s.state then return {'not_found'} end
if (role == 'customer' and s.customer ~= user) or (role == 'mitra' and s.mitra ~= user) then
  return {'forbidden'}
end
if s.state == 'ended' then return {'conflict', 'ended'} end
local now = now_ms()
local out = close_session(KEYS[1], KEYS[2], sid, s, reason, now)
table.insert(out, 1, 'ok')
table.insert(out, followup_record(KEYS[3], 'end', sid, {reason}, now))
return out
