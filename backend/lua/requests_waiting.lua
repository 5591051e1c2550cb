-- Open requests that could use another offer, oldest first: the ones a mitra that just became
-- available should be offered (ARGV[1] = that mitra: as many as it has free slots, skipping
-- requests it already saw), or, with ARGV[1] = '', requests with no open offer at all (the
-- sweep's safety net, up to 20).
-- ARGV[1] mitra id or ''  ARGV[2] max requests to look at
-- Returns request ids.
--#include rotation
--#include availability
local mitra, scan = ARGV[1], tonumber(ARGV[2])
local want = 20
if mitra ~= '' then
  if not is_available(mitra) then return {} end
  local key = 'hb:mitra:' .. mitra
  want = capacity_of(key) - tonumber(redis.call('HGET', key, 'active') or '0')
end
local rids = redis.call('ZRANGE', 'hb:requests:open', 0, scan - 1)
local out = {}
for _, rid in ipairs(rids) do
  if #out >= want then break end
  local okey = 'hb:req:' .. rid .. ':offers'
  if mitra ~= '' then
    -- Never offered, or its offer expired (unanswered, or refused for lack of a slot): a
    -- mitra that is available again may take it. Declined offers are not made again.
    local state = redis.call('HGET', okey, mitra)
    if not state or state == 'expired' then table.insert(out, rid) end
  else
    local any_open = false
    for _, st in ipairs(redis.call('HVALS', okey)) do
      if st == 'open' then any_open = true break end
    end
    if not any_open then table.insert(out, rid) end
  end
end
return out
