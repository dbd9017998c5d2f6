-- Picks the least-loaded worker with room and reserves a slot there, in one step: Redis runs a
-- script alone, so two workers placing at once cannot both take the last slot.
-- Load is (sessions + live reservations) / capacity; a tie goes to the preferred worker (the one
-- placing: no hop), then to the one with more free slots.
-- ARGV: prefix, reservationId, reservationTtlMs, preferredWorkerId, then worker ids not to pick
-- Returns {workerId, url}, or nil when no worker has room.
local prefix, reservationId, reservationTtlMs, preferred = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local excluded = {}
for i = 5, #ARGV do excluded[ARGV[i]] = true end
local best, bestUsed, bestCapacity
for _, id in ipairs(redis.call('SMEMBERS', prefix .. 'workers')) do
  local worker = prefix .. 'worker:' .. id
  local fields = redis.call('HMGET', worker, 'capacity', 'draining')
  if not fields[1] then
    redis.call('SREM', prefix .. 'workers', id) -- its key expired: the worker is gone
  elseif fields[2] ~= '1' and not excluded[id] then
    local capacity = tonumber(fields[1])
    local reserved = worker .. ':reserved'
    redis.call('ZREMRANGEBYSCORE', reserved, '-inf', nowMs)
    local used = redis.call('SCARD', worker .. ':sessions') + redis.call('ZCARD', reserved)
    if used < capacity then
      -- used / capacity compared without division
      local better = best == nil or used * bestCapacity < bestUsed * capacity
      if not better and used * bestCapacity == bestUsed * capacity and best ~= preferred then
        better = id == preferred or capacity - used > bestCapacity - bestUsed
      end
      if better then best, bestUsed, bestCapacity = id, used, capacity end
    end
  end
end
if not best then return nil end
local reserved = prefix .. 'worker:' .. best .. ':reserved'
redis.call('ZADD', reserved, nowMs + reservationTtlMs, reservationId)
redis.call('PEXPIRE', reserved, reservationTtlMs)
return {best, redis.call('HGET', prefix .. 'worker:' .. best, 'url')}
