-- Pairing, strategy `broadcast`: who is offered a request. Everyone available, or with a cap,
-- the next `max` in the shared rotation (see lib/rotation.lua).
-- ARGV[1] max (0 = no cap)  ARGV[2..] excluded mitra ids (e.g. those who already declined)
-- Returns the picked mitra ids, in rotation order.
--#include rotation
local max = rotation.parse_count(ARGV[1])
if not max then return redis.error_reply('ERR max must be a non-negative integer') end
return rotation.broadcast_pick(max, rotation.argv_from(2))
