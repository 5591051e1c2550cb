-- Every open session (awaiting_payment or active) for staff, oldest first (by the time it was
-- assigned, then by id).
-- Returns {id, request, customer, customer_name, mitra, mitra_name, state, created_ms}...
--#include common
local rows = {}
for _, sid in ipairs(redis.call('SMEMBERS', 'hb:sessions:open')) do
  local s = hgetall('hb:session:' .. sid)
  if s.state and s.state ~= 'ended' then
    table.insert(rows, {sid, s.request or '', s.customer or '', s.customer_name or '',
                        s.mitra or '', s.mitra_name or '', s.state, tonumber(s.created or '0') or 0})
  end
end
table.sort(rows, function(a, b)
  if a[8] ~= b[8] then return a[8] < b[8] end
  return a[1] < b[1]
end)
return rows
