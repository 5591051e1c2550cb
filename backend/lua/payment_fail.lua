-- Ends sessions whose payment did not come, with reason payment_failed: the mitra's slot is
-- freed and the customer is free again (lib/closing.lua). Only a session still awaiting payment
-- is ended: one that started (or ended) meanwhile keeps going. A reroute keeps the session
-- awaiting payment with its deadline, and the slot freed is then the new mitra's.
-- KEYS[1] the outbox stream  KEYS[2] the payment deadlines (ZSET sid -> deadline ms)
-- ARGV[1] 'session', ARGV[2] a session id: its payment failed (PaymentGateway said so).
-- ARGV[1] 'overdue', ARGV[2] batch size: every session past its payment deadline, checked here
--         against the session itself, so instances sweeping at once end each session once.
-- Returns the sessions ended, each {sid, ended_ms, customer, customer_instance, mitra,
-- mitra_instance, available} (lib/closing.lua); empty if none was still awaiting payment.
--#include common
--#include rotation
--#include availability
--#include outbox
--#include closing
local mode, arg = ARGV[1], ARGV[2]
local now = now_ms()
local ended = {}

local function fail(sid, overdue_only)
  local s = hgetall('hb:session:' .. sid)
  if s.state ~= 'awaiting_payment' then
    redis.call('ZREM', KEYS[2], sid) -- started, ended or gone: nothing left to sweep
    return
  end
  if overdue_only and tonumber(s.payment_deadline or '0') > now then return end
  table.insert(ended, close_session(KEYS[1], KEYS[2], sid, s, 'payment_failed', now))
end

if mode == 'session' then
  fail(arg, false)
elseif mode == 'overdue' then
  for _, sid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', fmt(now), 'LIMIT', 0,
                                  tonumber(arg))) do
    fail(sid, true)
  end
else
  return redis.error_reply('payment_fail: unknown mode ' .. tostring(mode))
end
return ended
