-- Pairing, strategy `round_robin`: the next k available mitras in the rotation shared by
-- every instance; they go to the back (see lib/rotation.lua).
-- ARGV[1] k  ARGV[2..] excluded mitra ids (e.g. those who already declined)
-- Returns the picked mitra ids, in pick order.
--#include rotation
local k = rotation.parse_count(ARGV[1])
if not k then return redis.error_reply('ERR k must be a non-negative integer') end
return rotation.rr_pick(k, rotation.argv_from(2))
