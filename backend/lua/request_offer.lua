-- Offers an open request to the next mitras its strategy chooses (lib/offering.lua).
-- ARGV[1] request id  ARGV[2] offer timeout ms
-- Returns {request_info, {mitra, instance, expires_ms}...} ({} if not open).
--#include common
--#include rotation
--#include offering
return offer_next(ARGV[1], ARGV[2])
