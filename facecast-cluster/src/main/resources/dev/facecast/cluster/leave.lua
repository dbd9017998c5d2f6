-- A worker that stops on purpose leaves at once rather than at the end of its TTL.
-- ARGV: prefix, workerId
local prefix, id = ARGV[1], ARGV[2]
local worker = prefix .. 'worker:' .. id
for _, sessionId in ipairs(redis.call('SMEMBERS', worker .. ':sessions')) do
  redis.call('DEL', prefix .. 'session:' .. sessionId)
end
redis.call('DEL', worker, worker .. ':sessions', worker .. ':reserved')
redis.call('SREM', prefix .. 'workers', id)
return 1
