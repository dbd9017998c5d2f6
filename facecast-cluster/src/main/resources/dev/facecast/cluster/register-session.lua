-- A session created on its worker: recorded with its owner, and the reservation it came from (if
-- any) released in the same step, so the slot is counted once, never twice or not at all.
-- ARGV: prefix, workerId, sessionId, createdMs, state, ttlMs, reservationId ('' for none)
local prefix, workerId, sessionId, ttlMs = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[6])
local worker = prefix .. 'worker:' .. workerId
local session = prefix .. 'session:' .. sessionId
redis.call('HSET', session, 'owner', workerId, 'createdMs', ARGV[4], 'state', ARGV[5])
redis.call('PEXPIRE', session, ttlMs)
redis.call('SADD', worker .. ':sessions', sessionId)
redis.call('PEXPIRE', worker .. ':sessions', ttlMs)
if ARGV[7] ~= '' then redis.call('ZREM', worker .. ':reserved', ARGV[7]) end
return 1
