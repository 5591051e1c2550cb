-- Staff change capacity: the global default (ARGV[1] = '') or one mitra's own (ARGV[1] = id,
-- ARGV[2] = '' to fall back to the global value). Takes effect for offers made after it;
-- running sessions stay where they are, even above a lowered capacity.
-- ARGV[1] mitra id or ''  ARGV[2] max customers or ''
-- Returns {at_ms, before_max, before_source, after_max, after_source,
--          {mitra that became available...}}: for a mitra, its effective capacity and where it
-- comes from ('mitra' or 'global') before and after; for the global value, that value.
--#include common
--#include rotation
--#include availability
local mitra, value = ARGV[1], ARGV[2]
local before_max, before_source, after_max, after_source, affected
if mitra == '' then
  before_max, before_source = tonumber(redis.call('HGET', 'hb:settings', 'global_cap') or '3'), 'global'
  redis.call('HSET', 'hb:settings', 'global_cap', value)
  after_max, after_source = tonumber(value), 'global'
  -- Every online mitra without its own capacity may change availability. Staff actions are
  -- rare, so walking the online set here is fine (pairing itself never does).
  affected = {}
  for _, id in ipairs(redis.call('ZRANGE', 'hb:presence:online', 0, -1)) do
    if redis.call('HEXISTS', 'hb:mitra:' .. id, 'cap') == 0 then table.insert(affected, id) end
  end
else
  local key = 'hb:mitra:' .. mitra
  before_max, before_source = capacity_of(key)
  if value == '' then redis.call('HDEL', key, 'cap') else redis.call('HSET', key, 'cap', value) end
  after_max, after_source = capacity_of(key)
  affected = {mitra}
end
-- Stats show each mitra's capacity: every instance's staff views update.
redis.call('PUBLISH', 'hb:stats:changed', '')
local available = {}
for _, id in ipairs(affected) do
  local was = redis.call('ZSCORE', 'hb:rr:rotation', id)
  if refresh_availability(id) and not was then table.insert(available, id) end
end
return {now_ms(), before_max or 0, before_source, after_max or 0, after_source, available}
