-- A mitra stops being available for pairing: it leaves both rotations, its places remembered
-- in its hash for when it comes back (see lib/rotation.lua). Idempotent.
-- ARGV[1] mitra id
-- Returns 1.
--#include rotation
rotation.leave(ARGV[1])
return 1
