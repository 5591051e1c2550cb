-- Ending one open session: what session_end (either side ends it) and payment_fail (payment
-- failed or overdue) share, so a session ends the same way whatever ended it. Pasted in by
-- `--#include closing` after common, rotation, availability and outbox.

-- Ends session `sid` (its hash already read into `s`; the caller has checked it is open) at
-- `now` for `reason` (the end reason PostgreSQL records): the outbox `stream` gets
-- 'session.ended', the session leaves the payment `deadlines` zset, its mitra's slot is freed
-- (the mitra as it is now: staff may have moved the session) and the customer is free again.
-- Returns {sid, ended_ms, customer, customer_instance, mitra, mitra_instance, available (0/1)}
-- (sessions/SessionScriptReplies: ClosedSession).
local function close_session(stream, deadlines, sid, s, reason, now)
  local skey = 'hb:session:' .. sid
  redis.call('HSET', skey, 'state', 'ended', 'ended', fmt(now))
  -- Kept a day so a second end gets a precise answer.
  redis.call('EXPIRE', skey, 86400)
  redis.call('ZREM', deadlines, sid)
  outbox_emit(stream, 'session.ended', {'session', sid, 'at', fmt(now), 'reason', reason})
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
  return {sid, now, s.customer, instance_of('customer', s.customer), s.mitra,
          instance_of('mitra', s.mitra), available}
end
