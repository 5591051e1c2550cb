-- Staff change capacity: the global default (ARGV[1] = '') or one mitra's own (ARGV[1] = id,
-- ARGV[2] = '' to fall back to the global value). Takes effect for offers made after it;
-- running sessions stay where they are, even above a lowered capacity.
-- ARGV[1] mitra id or ''  ARGV[2] max customers or ''
-- Returns {before ('' if none), {mitra that became available}...}
--#include rotation
--#include availability
local mitra, value = ARGV[1], ARGV[2]
local before, affected
if mitra == '' then
  before = redis.call('HGET', 'hb:settings', 'global_cap') or ''
  redis.call('HSET', 'hb:settings', 'global_cap', value)
  -- Every online mitra without its own capacity may change availability. Staff actions are
  -- rare, so walking the online set here is fine (pairing itself never does).
  affected = {}
  for _, id in ipairs(redis.call('ZRANGE', 'hb:presence:online', 0, -1)) do
    if redis.call('HEXISTS', 'hb:mitra:' .. id, 'cap') == 0 then table.insert(affected, id) end
  end
else
  local key = 'hb:mitra:' .. mitra
  before = redis.call('HGET', key, 'cap') or ''
  if value == '' then redis.call('HDEL', key, 'cap') else redis.call('HSET', key, 'cap', value) end
  affected = {mitra}
end
-- Stats show each mitra's capacity: every instance's staff views update.
redis.call('PUBLISH', 'hb:stats:changed', '')
local out = {before}
for _, id in ipairs(affected) do
  local was = redis.call('ZSCORE', 'hb:rr:rotation', id)
  if refresh_availability(id) and not was then table.insert(out, id) end
end
return out
