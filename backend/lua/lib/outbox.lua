-- The transactional outbox (pasted in by `--#include outbox`). A script that decides something
-- PostgreSQL must record appends the event to the outbox stream in the same atomic step, so the
-- decision and its record cannot part (a crash, a lost reply, a PostgreSQL outage).
-- `stream` is KEYS[1] as the caller passed it (cluster/Keys.h names it once); `kind` is the
-- event type (durable/OutboxEventDecoder reads it); `fields` a flat list name, value, ...
-- No MAXLEN: the backlog is work not yet shipped and must never be trimmed away unshipped.
-- Returns the entry id, which is the event's id.
local function outbox_emit(stream, kind, fields)
  local args = {'XADD', stream, '*', 'type', kind}
  for _, v in ipairs(fields) do table.insert(args, v) end
  return redis.call(unpack(args))
end
