-- First valid accept wins, exactly once, whichever instances the accepts arrive on: the request
-- must be open, the offer made to this mitra and still open, the mitra online and below
-- capacity. The winner's session is created and its slot taken in the same step.
-- Accepts that reached one instance in the same moment come in one call, decided in the order
-- given (a broadcast's instant accepts: one script run instead of one per mitra).
-- KEYS[1] the outbox stream: a won accept appends 'session.accepted' there (lua/lib/outbox.lua).
-- KEYS[2] the payment deadlines: a new session awaits payment until now + ARGV[1] ms, kept with
-- the session (payment_deadline) and in this zset, so any instance can sweep it (payment_fail).
-- KEYS[3] the follow-ups: a won accept records one (lib/followup.lua), so that what must follow
-- (pushes to both parties and the losers, payment) is done even if this reply is lost.
-- ARGV[1] the payment timeout (ms), then groups of four, one per accept: request id, mitra id,
-- new session id, mitra name.
-- Returns one verdict per accept, in order, each
--         {'won', session id, accepted_ms, customer_instance, request_info, follow-up member,
--          {taken mitra, instance}...}
--      or {'already', session id} (this mitra won before: accepting twice is harmless)
--      or {'not_found'} / {'forbidden'} (never offered to this mitra) / {'conflict', why}
--      or {'mitra_offline'} / {'capacity_full', request_info}
--#include common
--#include rotation
--#include availability
--#include outbox
--#include followup

local payment_timeout_ms = tonumber(ARGV[1])

local function accept_one(rid, mitra, sid, mitra_name)
  local rkey = 'hb:req:' .. rid
  local r = redis.call('HMGET', rkey, 'status', 'session', 'customer', 'customer_name')
  local req = {status = r[1], session = r[2], customer = r[3], customer_name = r[4]}
  if not req.status then return {'not_found'} end
  local state = redis.call('HGET', rkey .. ':offers', mitra)
  if not state then return {'forbidden'} end
  if state == 'accepted' then return {'already', req.session} end
  if req.status ~= 'open' then return {'conflict', req.status} end
  if state ~= 'open' then return {'conflict', state} end
  local mkey = 'hb:mitra:' .. mitra
  if redis.call('HGET', mkey, 'status') ~= 'online' then return {'mitra_offline'} end
  if tonumber(redis.call('HGET', mkey, 'active') or '0') >= capacity_of(mkey) then
    -- It won other requests meanwhile. Its offer is closed (expired) so the request moves on;
    -- once it has a free slot again it may be offered the request anew (requests_waiting).
    redis.call('HSET', rkey .. ':offers', mitra, 'expired')
    redis.call('SREM', mkey .. ':offers', rid)
    redis.call('ZREM', 'hb:offers:deadlines', rid .. '|' .. mitra)
    return {'capacity_full', request_info(rid)}
  end

  local now = now_ms()
  -- The request is decided: every other open offer is taken.
  local taken = {}
  local offers = hgetall(rkey .. ':offers')
  for other, st in pairs(offers) do
    if st == 'open' and other ~= mitra then
      redis.call('HSET', rkey .. ':offers', other, 'taken')
      redis.call('SREM', 'hb:mitra:' .. other .. ':offers', rid)
      redis.call('ZREM', 'hb:offers:deadlines', rid .. '|' .. other)
      table.insert(taken, {other, instance_of('mitra', other)})
    end
  end
  redis.call('HSET', rkey .. ':offers', mitra, 'accepted')
  redis.call('SREM', mkey .. ':offers', rid)
  redis.call('ZREM', 'hb:offers:deadlines', rid .. '|' .. mitra)
  redis.call('HSET', rkey, 'status', 'matched', 'session', sid, 'closed', fmt(now))
  redis.call('ZREM', 'hb:requests:open', rid)
  redis.call('ZREM', 'hb:requests:deadlines', rid)
  -- Closed requests are kept a day so late accepts and cancels get precise answers.
  redis.call('EXPIRE', rkey, 86400)
  redis.call('EXPIRE', rkey .. ':offers', 86400)

  local ckey = 'hb:customer:' .. req.customer
  redis.call('HDEL', ckey, 'request')
  redis.call('HSET', ckey, 'session', sid)
  local payment_deadline = now + payment_timeout_ms
  redis.call('HSET', 'hb:session:' .. sid, 'request', rid, 'customer', req.customer,
             'customer_name', req.customer_name, 'mitra', mitra, 'mitra_name', mitra_name,
             'state', 'awaiting_payment', 'created', fmt(now), 'assigned_at', fmt(now),
             'payment_deadline', fmt(payment_deadline))
  redis.call('ZADD', KEYS[2], fmt(payment_deadline), sid)
  redis.call('SADD', 'hb:sessions:open', sid)
  redis.call('SADD', mkey .. ':sessions', sid)
  redis.call('HINCRBY', mkey, 'active', 1)
  refresh_availability(mitra)
  redis.call('PUBLISH', 'hb:stats:changed', '')
  local info = request_info(rid)
  outbox_emit(KEYS[1], 'session.accepted',
              {'session', sid, 'request', rid, 'customer', info[2], 'customer_name', info[3],
               'mitra', mitra, 'mitra_name', mitra_name, 'strategy', info[4],
               'created', info[5], 'deadline', info[6], 'at', fmt(now)})

  local losers = {}
  for _, t in ipairs(taken) do table.insert(losers, t[1]) end
  local followup = followup_record(KEYS[3], 'accept', sid, losers, now)

  local out = {'won', sid, now, instance_of('customer', req.customer), request_info(rid), followup}
  for _, t in ipairs(taken) do table.insert(out, t) end
  return out
end

local verdicts = {}
for i = 2, #ARGV, 4 do
  table.insert(verdicts, accept_one(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]))
end
return verdicts
