-- Follow-ups that survive a lost reply (pasted in by `--#include followup` after common).
-- A script that decides something both parties must hear of (offer_accept, session_end)
-- records the follow-up in the same atomic step: a member of the follow-ups zset (KEYS[3] of
-- the session scripts, cluster/Keys.h) scored by when it falls due. The deciding instance does
-- the follow-up from the script's reply and removes the member; if that reply was lost (command
-- timeout, crash), any instance's sweep claims it once due (followups_claim.lua) and does it.

-- Longer than the backend's Valkey command timeout (2 s), so the deciding instance, when it got
-- the reply, has done the pushes and removed the member before anyone else may claim it.
local FOLLOWUP_GRACE_MS = 4000

-- Records follow-up `kind` ('accept' or 'end') for session `sid` with `extra` (accept: the
-- mitras whose offers were taken; end: {the end reason}), due at `now` + the grace.
-- The member is its own payload (JSON {kind, sid, extra}), so removing it is one ZREM.
-- Returns the member: the deciding instance removes exactly that.
local function followup_record(zset, kind, sid, extra, now)
  local member = cjson.encode({kind, sid, extra})
  redis.call('ZADD', zset, fmt(now + FOLLOWUP_GRACE_MS), member)
  return member
end
