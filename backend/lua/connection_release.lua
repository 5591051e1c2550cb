-- Forgets a connection, unless a newer one has claimed the user meanwhile.
-- KEYS[1] user's connection key   ARGV[1] "instance|connection"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
