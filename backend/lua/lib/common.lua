-- Shared by every pairing script (pasted in by `--#include common`).
-- One clock for the whole cluster: the server's, so instances with skewed clocks still agree.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Lua 5.1's tostring() switches to exponent notation past 14 digits: write integers exactly.
local function fmt(n)
  return string.format('%d', n)
end

-- HGETALL as a Lua table (empty table if the key does not exist).
local function hgetall(key)
  local flat = redis.call('HGETALL', key)
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end

-- The instance holding a user's live connection ('' if none), from hb:conn:<role>:<user>: a user
-- is a role ('mitra' or 'customer') and an id, as a mitra and a customer may share an id.
local function instance_of(role, user)
  local owner = redis.call('GET', 'hb:conn:' .. role .. ':' .. user)
  if not owner then return '' end
  local bar = string.find(owner, '|', 1, true)
  if not bar then return '' end
  return string.sub(owner, 1, bar - 1)
end

-- What the durable log needs about a request, in the order RequestInfo (C++) reads it:
-- {id, customer, customer_name, strategy, created_ms, deadline_ms}.
local function request_info(rid)
  local r = redis.call('HMGET', 'hb:req:' .. rid, 'customer', 'customer_name', 'strategy',
                       'created', 'deadline')
  return {rid, r[1] or '', r[2] or '', r[3] or '', r[4] or '0', r[5] or '0'}
end
