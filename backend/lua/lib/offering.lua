-- Offers an open request to the next mitras its strategy chooses, never to one it was already
-- offered to. Broadcast: every available mitra (up to hb:settings `broadcast_max`, 0 = all).
-- Round robin (plain or weighted): keeps a batch of hb:settings `rr_batch` (default 1) open
-- offers, each expiring after the offer timeout.
-- Returns {request_info, {mitra, instance, expires_ms}...} ({} if not open).
-- Used by request_offer (the next offers of a request) and request_create (the first ones, in the
-- same step as the request: one round trip less for every "Mulai Curhat").
-- Needs: --#include common, --#include rotation (before this file).
local function offer_next(rid, offer_timeout_ms)
  local rkey = 'hb:req:' .. rid
  local req = redis.call('HMGET', rkey, 'status', 'strategy', 'customer', 'customer_name', 'deadline')
  if req[1] ~= 'open' then return {} end
  local strategy, deadline = req[2], tonumber(req[5])
  local offers = hgetall(rkey .. ':offers')
  local exclude, open = {}, 0
  for mitra, state in pairs(offers) do
    table.insert(exclude, mitra)
    if state == 'open' then open = open + 1 end
  end

  local picked
  if strategy == 'broadcast' then
    picked = rotation.broadcast_pick(tonumber(redis.call('HGET', 'hb:settings', 'broadcast_max') or '0'), exclude)
  else
    local want = tonumber(redis.call('HGET', 'hb:settings', 'rr_batch') or '1') - open
    if want <= 0 then return {request_info(rid)} end
    if strategy == 'weighted_round_robin' then
      picked = rotation.wrr_pick(want, exclude)
    else
      picked = rotation.rr_pick(want, exclude)
    end
  end

  local now = now_ms()
  local out = {request_info(rid)}
  for _, mitra in ipairs(picked) do
    local expires = deadline
    if strategy ~= 'broadcast' then
      expires = math.min(deadline, now + tonumber(offer_timeout_ms))
      redis.call('ZADD', 'hb:offers:deadlines', fmt(expires), rid .. '|' .. mitra)
    end
    redis.call('HSET', rkey .. ':offers', mitra, 'open')
    redis.call('SADD', 'hb:mitra:' .. mitra .. ':offers', rid)
    table.insert(out, {mitra, instance_of('mitra', mitra), expires})
  end
  if #picked > 0 then redis.call('HSET', rkey, 'ever_offered', '1') end
  return out
end
