-- A mitra declines an offer made to it. The request stays open for the others (round robin
-- moves on to the next mitra).
-- ARGV[1] request id  ARGV[2] mitra id
-- Returns {'ok', request_info} or {'not_found'} / {'forbidden'} / {'conflict', why}
--#include common
local rid, mitra = ARGV[1], ARGV[2]
local rkey = 'hb:req:' .. rid
local status = redis.call('HGET', rkey, 'status')
if not status then return {'not_found'} end
local state = redis.call('HGET', rkey .. ':offers', mitra)
if not state then return {'forbidden'} end
if state ~= 'open' then return {'conflict', state} end
redis.call('HSET', rkey .. ':offers', mitra, 'declined')
redis.call('SREM', 'hb:mitra:' .. mitra .. ':offers', rid)
redis.call('ZREM', 'hb:offers:deadlines', rid .. '|' .. mitra)
return {'ok', request_info(rid)}
