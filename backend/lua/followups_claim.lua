-- Claims the follow-ups that fell due (lib/followup.lua): their deciding instance did not
-- remove them in time, so its reply was probably lost. A claim is a lease: the member is
-- re-scored to now + ARGV[1] ms, so instances sweeping at once claim each follow-up once, and
-- one whose claimer died falls due again. The claimer removes it once done (ZREM).
-- KEYS[1] the follow-ups zset
-- ARGV[1] lease (ms)  ARGV[2] batch size
-- Returns one entry per follow-up claimed (sweeps/FollowUpReplies reads them):
--   {member, kind, sid, {extra...}, session, customer_instance, mitra_instance,
--    {mitra, instance}...}
-- where session is {'session', id, request, customer, customer_name, mitra, mitra_name, state,
-- created} as it is now, or 'gone' (expired: nothing left to tell); for 'accept' the trailing
-- pairs are the mitras whose offers were taken, with where they are connected now.
--#include common
local lease, batch = tonumber(ARGV[1]), tonumber(ARGV[2])
local now = now_ms()
local out = {}
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', fmt(now), 'LIMIT', 0,
                                   batch)) do
  redis.call('ZADD', KEYS[1], 'XX', fmt(now + lease), member)
  local ok, f = pcall(cjson.decode, member)
  if not ok or type(f) ~= 'table' or type(f[1]) ~= 'string' or type(f[2]) ~= 'string' then
    redis.call('ZREM', KEYS[1], member) -- not ours to do: from another version, or corrupt
  else
    local kind, sid, extra = f[1], f[2], f[3]
    if type(extra) ~= 'table' then extra = {} end
    local s = hgetall('hb:session:' .. sid)
    local entry
    if not s.state then
      entry = {member, kind, sid, extra, 'gone', '', ''}
    else
      entry = {member, kind, sid, extra,
               {'session', sid, s.request or '', s.customer or '', s.customer_name or '',
                s.mitra or '', s.mitra_name or '', s.state, s.created or '0'},
               instance_of('customer', s.customer or ''), instance_of('mitra', s.mitra or '')}
      if kind == 'accept' then
        for _, m in ipairs(extra) do
          table.insert(entry, {m, instance_of('mitra', m)})
        end
      end
    end
    table.insert(out, entry)
  end
end
return out
