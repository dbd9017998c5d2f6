-- A session closed on its worker: its record and its slot go at once.
-- ARGV: prefix, workerId, sessionId
local prefix, workerId, sessionId = ARGV[1], ARGV[2], ARGV[3]
redis.call('SREM', prefix .. 'worker:' .. workerId .. ':sessions', sessionId)
return redis.call('DEL', prefix .. 'session:' .. sessionId)
