-- What staff see on the dashboard, read in one atomic step so the numbers agree with each other
-- and with the list (a session counted in active_chats is counted in its mitra's row too).
-- Listed mitras: every online one, and every offline one that still serves open sessions (staff
-- must see who is carrying customers while away). The latter are found through the open
-- sessions, so the cost follows online mitras + open sessions, never every mitra ever known.
-- Returns {at_ms, active_chats, active_mitras, pending_requests, default_max_customers,
--          {id, name, status, active_sessions, max_customers, capacity_source,
--           status_since_ms or ''}...} by mitra id.
--#include common
--#include rotation
--#include availability
local listed, ids = {}, {}
local function list(id)
  if not listed[id] then
    listed[id] = true
    table.insert(ids, id)
  end
end
for _, id in ipairs(redis.call('ZRANGE', 'hb:presence:online', 0, -1)) do list(id) end
local sids = redis.call('SMEMBERS', 'hb:sessions:open')
for _, sid in ipairs(sids) do
  local mitra = redis.call('HGET', 'hb:session:' .. sid, 'mitra')
  if mitra then list(mitra) end
end
table.sort(ids)

-- The same default capacity_of() falls back to.
local default_cap = tonumber(redis.call('HGET', 'hb:settings', 'global_cap') or '3') or 0
local out = {now_ms(), #sids, redis.call('ZCARD', 'hb:presence:online'),
             redis.call('ZCARD', 'hb:requests:open'), default_cap}
for _, id in ipairs(ids) do
  local key = 'hb:mitra:' .. id
  local h = redis.call('HMGET', key, 'name', 'status', 'active', 'since')
  local cap, source = capacity_of(key)
  -- A mitra restored from the durable log has no name until its app is heard from again, and
  -- no status time if only its sessions were restored (its presence was not).
  local since = ''
  if h[2] and h[4] then since = h[4] end
  table.insert(out, {id, h[1] or id, h[2] or 'offline', tonumber(h[3] or '0') or 0,
                     cap or 0, source, since})
end
return out
