-- Moving one open session to another mitra: what session_reroute and mitra_force_offline share,
-- so a session moved by a forced offline is moved exactly as a single reroute moves it.
-- Pasted in by `--#include reroute` after common, rotation and availability. The names it adds
-- to the script: target_refusal, move_session.

-- Whether `to` may take one more session: nil if it may, else the refusal
-- ({'not_found', 'mitra'} / {'mitra_offline'} / {'capacity_full'}).
local function target_refusal(to)
  local tkey = 'hb:mitra:' .. to
  if redis.call('EXISTS', tkey) == 0 then return {'not_found', 'mitra'} end
  if redis.call('HGET', tkey, 'status') ~= 'online' then return {'mitra_offline'} end
  if tonumber(redis.call('HGET', tkey, 'active') or '0') >= capacity_of(tkey) then
    return {'capacity_full'}
  end
  return nil
end

-- Moves session `sid` (its hash already read into `s`) to mitra `to` at `now`, by `staff`: the
-- old mitra's slot is freed, the new one's taken, availability of both refreshed. The caller has
-- checked the move is allowed. Does not publish hb:stats:changed (the caller does, once).
-- Returns {rerouted_ms, from_mitra, from_instance, from_assigned_ms, to_instance,
--          customer_instance, request_info, {'session', fields...}}
-- Session fields: id, request, customer, customer_name, mitra, mitra_name, state, created
local function move_session(sid, s, to, staff, now)
  local skey = 'hb:session:' .. sid
  local tkey = 'hb:mitra:' .. to
  local from, from_assigned = s.mitra, s.assigned_at or s.created
  local fkey = 'hb:mitra:' .. from
  redis.call('SREM', fkey .. ':sessions', sid)
  if tonumber(redis.call('HINCRBY', fkey, 'active', -1)) < 0 then
    redis.call('HSET', fkey, 'active', '0')
  end
  redis.call('SADD', tkey .. ':sessions', sid)
  redis.call('HINCRBY', tkey, 'active', 1)
  local to_name = redis.call('HGET', tkey, 'name') or to
  redis.call('HSET', skey, 'mitra', to, 'mitra_name', to_name, 'assigned_at', fmt(now),
             'rerouted_by', staff)
  refresh_availability(from)
  refresh_availability(to)
  return {now, from, instance_of('mitra', from), tonumber(from_assigned), instance_of('mitra', to),
          instance_of('customer', s.customer), request_info(s.request),
          {'session', sid, s.request, s.customer, s.customer_name, to, to_name, s.state, s.created}}
end
