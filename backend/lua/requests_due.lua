-- Requests whose deadline has passed (each is then closed by request_close, which decides
-- atomically, so two instances sweeping at once close each request once).
-- ARGV[1] max ids
-- Returns request ids.
--#include common
return redis.call('ZRANGEBYSCORE', 'hb:requests:deadlines', '-inf', fmt(now_ms()), 'LIMIT', 0,
                  tonumber(ARGV[1]))
