-- A mitra becomes available for pairing: it enters both rotations at its remembered place or
-- at the back (see lib/rotation.lua). Idempotent.
-- ARGV[1] mitra id
-- Returns 1.
--#include rotation
rotation.join(ARGV[1])
return 1
