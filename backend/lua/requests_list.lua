-- Every open pairing request for staff, oldest first (hb:requests:open is scored by creation
-- time), with how many mitras it has been offered to so far (whatever they answered).
-- Returns {request id, customer, customer_name, created_ms, offered_to}...
local out = {}
for _, rid in ipairs(redis.call('ZRANGE', 'hb:requests:open', 0, -1)) do
  local rkey = 'hb:req:' .. rid
  local r = redis.call('HMGET', rkey, 'customer', 'customer_name', 'created')
  if r[1] then
    table.insert(out, {rid, r[1], r[2] or '', tonumber(r[3] or '0') or 0,
                       redis.call('HLEN', rkey .. ':offers')})
  end
end
return out
