-- Records which instance and connection now speak for a user; returns the previous owner
-- ("instance|connection" or '') so it can be told to close: a second live connection of the
-- same user replaces the first, whichever instances they are on.
-- KEYS[1] user's connection key   ARGV[1] "instance|connection"
local previous = redis.call('GET', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1])
if previous == false or previous == ARGV[1] then return '' end
return previous
