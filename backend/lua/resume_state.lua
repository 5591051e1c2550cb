-- What a reconnecting app must be told after `welcome`.
-- ARGV[1] 'mitra' or 'customer'  ARGV[2] user id
-- Mitra: {{'offer', rid, customer, customer_name, expires_ms}..., {'session', fields...}...}
-- Customer: {{'request', rid, deadline_ms}} and/or {{'session', fields...}}
-- Session fields: id, request, customer, customer_name, mitra, mitra_name, state, created
--#include common
local role, id = ARGV[1], ARGV[2]
local out = {}
local function session_entry(sid)
  local s = hgetall('hb:session:' .. sid)
  if not s.state or s.state == 'ended' then return nil end
  return {'session', sid, s.request, s.customer, s.customer_name, s.mitra, s.mitra_name,
          s.state, s.created}
end
if role == 'mitra' then
  for _, rid in ipairs(redis.call('SMEMBERS', 'hb:mitra:' .. id .. ':offers')) do
    local rkey = 'hb:req:' .. rid
    local r = redis.call('HMGET', rkey, 'status', 'customer', 'customer_name', 'deadline', 'strategy')
    if r[1] == 'open' and redis.call('HGET', rkey .. ':offers', id) == 'open' then
      local expires = r[4]
      if r[5] ~= 'broadcast' then
        expires = redis.call('ZSCORE', 'hb:offers:deadlines', rid .. '|' .. id) or r[4]
      end
      table.insert(out, {'offer', rid, r[2], r[3], expires})
    end
  end
  for _, sid in ipairs(redis.call('SMEMBERS', 'hb:mitra:' .. id .. ':sessions')) do
    local e = session_entry(sid)
    if e then table.insert(out, e) end
  end
else
  local c = redis.call('HMGET', 'hb:customer:' .. id, 'request', 'session')
  if c[1] then
    local deadline = redis.call('HGET', 'hb:req:' .. c[1], 'deadline')
    if deadline then table.insert(out, {'request', c[1], deadline}) end
  end
  if c[2] then
    local e = session_entry(c[2])
    if e then table.insert(out, e) end
  end
end
return out
