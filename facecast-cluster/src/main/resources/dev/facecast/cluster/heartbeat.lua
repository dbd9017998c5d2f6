-- A worker's heartbeat: writes what it says of itself and of each of its sessions, each with a TTL,
-- so that a worker that stops beating (kill -9) is forgotten, sessions and all, when the TTL runs out.
-- Writing everything every beat is also how a worker rejoins a Redis that restarted empty.
-- ARGV: prefix, workerId, ttlMs, url, mediaAddress, capacity, active, draining (0|1),
--       then per session: id, createdMs, state
-- Returns 1 when the worker was not registered before this beat (first beat, or a Redis that lost it).
local prefix, id, ttlMs = ARGV[1], ARGV[2], tonumber(ARGV[3])
local worker = prefix .. 'worker:' .. id
local sessions = worker .. ':sessions'
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local joined = redis.call('EXISTS', worker) == 0
redis.call('HSET', worker, 'url', ARGV[4], 'media', ARGV[5], 'capacity', ARGV[6], 'active', ARGV[7],
    'draining', ARGV[8], 'beatMs', nowMs)
redis.call('PEXPIRE', worker, ttlMs)
redis.call('SADD', prefix .. 'workers', id)
for i = 9, #ARGV, 3 do
  local session = prefix .. 'session:' .. ARGV[i]
  redis.call('HSET', session, 'owner', id, 'createdMs', ARGV[i + 1], 'state', ARGV[i + 2])
  redis.call('PEXPIRE', session, ttlMs)
  redis.call('SADD', sessions, ARGV[i])
end
-- A session this worker stopped refreshing (closed while its removal could not reach Redis) has
-- expired by now: its slot is free again. Sessions registered since this beat's list was taken
-- still exist, so they stay.
for _, sessionId in ipairs(redis.call('SMEMBERS', sessions)) do
  if redis.call('EXISTS', prefix .. 'session:' .. sessionId) == 0 then
    redis.call('SREM', sessions, sessionId)
  end
end
redis.call('PEXPIRE', sessions, ttlMs)
redis.call('ZREMRANGEBYSCORE', worker .. ':reserved', '-inf', nowMs)
return joined and 1 or 0
