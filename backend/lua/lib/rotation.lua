-- Pairing rotations: who gets the next offer. Pasted into a script by `--#include rotation`
-- (LuaScripts::expandIncludes); the only name it adds to the script is the local table
-- `rotation`:
--   rotation.join(id)                    the mitra becomes available (idempotent)
--   rotation.leave(id)                   it stops being available (idempotent)
--   rotation.rr_pick(k, exclude)         round robin: next k, returns ids in pick order
--   rotation.wrr_pick(k, exclude)        weighted round robin (stride scheduling)
--   rotation.broadcast_pick(max, exclude) everyone, or a rotating blast of `max` (0 = all)
--   rotation.weight(id), rotation.mitra_key(id), rotation.argv_from(i), rotation.parse_count(s)
-- `exclude` is a list of ids (or nil); duplicates and unavailable ids are fine.
-- shared/pairing/ mirrors these algorithms in C++ (tests/integration/pairing_scripts proves
-- they agree): change both together.
--
-- State (the Valkey key schema for pairing):
--   hb:rr:rotation  ZSET   every AVAILABLE mitra (this zset is the availability index),
--                          score = its turn (integer); lowest (score, member bytes) goes next
--   hb:rr:turn      STRING turn counter (INCRBY)
--   hb:wrr:pass     ZSET   every available mitra, score = its pass (virtual time, float)
--   hb:wrr:vtime    STRING pass of the most recently picked mitra
--   hb:mitra:<id>   HASH   weight (read; integer >= 1, 1 when absent or invalid), rr_turn and
--                          wrr_pass (positions remembered while the mitra is unavailable)
-- Keys are built here, not taken from KEYS: the scripts run on standalone servers (no
-- cluster slots to respect), and the set of hashes touched depends on what the zsets hold.
--
-- Cost: every pick reads one ZRANGE of k + |exclude| members and writes k of them, so it is
-- O(log N + k + |exclude|) whatever the number N of available mitras. Only an uncapped
-- broadcast, which by definition returns everyone, is O(N).
--
-- Numbers go to Valkey as strings formatted here: '%d' for integers, '%.17g' for floats,
-- because Lua 5.1's tostring keeps only 14 digits and the C++ mirror must see exact values.

local rotation = {}

-- The helpers below are locals of this block, invisible to the including script.
do
  rotation.PREFIX = 'hb:'
  rotation.RR_KEY = rotation.PREFIX .. 'rr:rotation'
  rotation.TURN_KEY = rotation.PREFIX .. 'rr:turn'
  rotation.PASS_KEY = rotation.PREFIX .. 'wrr:pass'
  rotation.VTIME_KEY = rotation.PREFIX .. 'wrr:vtime'
  -- Bounds a weight so a typo (or "inf") in the hash cannot make 1/weight zero and let one
  -- mitra take every offer. Same constant as WeightedRotation::kMaxWeight.
  rotation.MAX_WEIGHT = 1000

  function rotation.mitra_key(id)
    return rotation.PREFIX .. 'mitra:' .. id
  end

  local function fmt_int(n) return string.format('%d', n) end
  local function fmt_float(x) return string.format('%.17g', x) end

  -- ARGV[first..] as a list (the excluded ids of the thin scripts).
  function rotation.argv_from(first)
    local list = {}
    for i = first, #ARGV do list[#list + 1] = ARGV[i] end
    return list
  end

  -- A count as the picks use it: a whole number, anything unusable (nil, NaN) being 0, so a
  -- caller's bad setting picks nobody instead of raising a script error.
  local function to_count(n)
    n = tonumber(n)
    if n == nil or n ~= n then return 0 end
    if n > 1e9 then return 1e9 end
    return math.floor(n)
  end

  -- A count argument: a non-negative integer, else nil.
  function rotation.parse_count(text)
    local n = tonumber(text)
    if n == nil or n ~= n or n < 0 or n ~= math.floor(n) or n > 1e9 then return nil end
    return n
  end

  -- The weight a pick uses: the hash's `weight`, an integer in [1, MAX_WEIGHT]; anything else
  -- counts as 1 (absent, not a number, < 1), fractions are truncated.
  function rotation.weight(id)
    local w = tonumber(redis.call('HGET', rotation.mitra_key(id), 'weight'))
    if w == nil or w ~= w or w < 1 then return 1 end
    if w > rotation.MAX_WEIGHT then return rotation.MAX_WEIGHT end
    return math.floor(w)
  end

  -- {id = true} of a list of ids, and how many distinct ids it holds.
  local function to_set(list)
    local set, n = {}, 0
    for _, id in ipairs(list or {}) do
      if not set[id] then
        set[id] = true
        n = n + 1
      end
    end
    return set, n
  end

  -- The first k members of a zset in (score, member) order that are not excluded, as
  -- {{id, score}, ...}. At most n_excluded members can be skipped, so the first
  -- k + n_excluded members always hold the answer: one ZRANGE, never a walk of the whole set.
  local function first_not_excluded(key, k, excluded, n_excluded)
    local taken = {}
    if k <= 0 then return taken end
    local rows = redis.call('ZRANGE', key, 0, fmt_int(k + n_excluded - 1), 'WITHSCORES')
    for i = 1, #rows, 2 do
      if not excluded[rows[i]] then
        taken[#taken + 1] = {rows[i], tonumber(rows[i + 1])}
        if #taken == k then break end
      end
    end
    return taken
  end

  -- The mitra becomes available. Round robin: it takes its remembered turn (a mitra that flaps
  -- keeps its place) or the current turn counter (a newcomer joins at the back). Weighted: its
  -- remembered pass but never behind the virtual time, so time spent away earns no burst of
  -- offers. Idempotent: an available mitra is left as it is.
  function rotation.join(id)
    local hash = rotation.mitra_key(id)
    if not redis.call('ZSCORE', rotation.RR_KEY, id) then
      local turn = tonumber(redis.call('HGET', hash, 'rr_turn'))
          or tonumber(redis.call('GET', rotation.TURN_KEY)) or 0
      redis.call('ZADD', rotation.RR_KEY, fmt_int(turn), id)
    end
    if not redis.call('ZSCORE', rotation.PASS_KEY, id) then
      local pass = tonumber(redis.call('HGET', hash, 'wrr_pass')) or 0
      local vtime = tonumber(redis.call('GET', rotation.VTIME_KEY)) or 0
      if pass ~= pass or vtime > pass then pass = vtime end
      redis.call('ZADD', rotation.PASS_KEY, fmt_float(pass), id)
    end
  end

  -- The mitra is no longer available; its positions are remembered in its hash for join.
  -- Idempotent.
  function rotation.leave(id)
    local hash = rotation.mitra_key(id)
    local turn = redis.call('ZSCORE', rotation.RR_KEY, id)
    if turn then
      redis.call('HSET', hash, 'rr_turn', fmt_int(tonumber(turn)))
      redis.call('ZREM', rotation.RR_KEY, id)
    end
    local pass = redis.call('ZSCORE', rotation.PASS_KEY, id)
    if pass then
      redis.call('HSET', hash, 'wrr_pass', fmt_float(tonumber(pass)))
      redis.call('ZREM', rotation.PASS_KEY, id)
    end
  end

  -- Round robin: the next k available mitras in rotation order, skipping the ids in the list
  -- `exclude` (which keep their place). Each one taken goes to the back: it gets the next turn
  -- of the counter shared by every instance, in pick order. Returns the ids in pick order.
  function rotation.rr_pick(k, exclude)
    local excluded, n_excluded = to_set(exclude)
    local taken = first_not_excluded(rotation.RR_KEY, to_count(k), excluded, n_excluded)
    local out = {}
    if #taken == 0 then return out end
    -- One INCRBY instead of one INCR per mitra: the same turns, in the same order.
    local last = redis.call('INCRBY', rotation.TURN_KEY, #taken)
    for i, entry in ipairs(taken) do
      redis.call('ZADD', rotation.RR_KEY, fmt_int(last - #taken + i), entry[1])
      out[i] = entry[1]
    end
    return out
  end

  -- Weighted round robin by stride scheduling: each mitra's pass advances by 1/weight when it
  -- is picked and the lowest pass goes next, so over time a mitra of weight 3 gets three times
  -- the offers of weight 1, smoothly interleaved. (nginx's smooth WRR gives the same shares but
  -- costs O(N) per pick; on a zset stride scheduling costs O(log N).) Takes the k lowest passes
  -- not excluded; returns the ids in pick order.
  function rotation.wrr_pick(k, exclude)
    local excluded, n_excluded = to_set(exclude)
    local taken = first_not_excluded(rotation.PASS_KEY, to_count(k), excluded, n_excluded)
    local out = {}
    if #taken == 0 then return out end
    local vtime = 0
    for i, entry in ipairs(taken) do
      local id, pass = entry[1], entry[2]
      vtime = pass
      redis.call('ZADD', rotation.PASS_KEY, fmt_float(pass + 1 / rotation.weight(id)), id)
      out[i] = id
    end
    redis.call('SET', rotation.VTIME_KEY, fmt_float(vtime))
    return out
  end

  -- Broadcast: every available mitra not excluded, in rotation order, leaving the rotation as
  -- it is. With max > 0 and more candidates than that, a capped blast: exactly rr_pick(max), so
  -- successive capped blasts rotate through everyone.
  function rotation.broadcast_pick(max, exclude)
    local excluded = to_set(exclude)
    max = to_count(max)
    if max > 0 then
      local candidates = redis.call('ZCARD', rotation.RR_KEY)
      for id in pairs(excluded) do
        if redis.call('ZSCORE', rotation.RR_KEY, id) then candidates = candidates - 1 end
      end
      if candidates > max then return rotation.rr_pick(max, exclude) end
    end
    local out = {}
    for _, id in ipairs(redis.call('ZRANGE', rotation.RR_KEY, 0, -1)) do
      if not excluded[id] then out[#out + 1] = id end
    end
    return out
  end
end
