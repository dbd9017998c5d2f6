-- The live workers, each as {id, url, media, capacity, active, draining, sessions, reserved, beatMs}:
-- sessions and reserved are what placement counts, active is what the worker last said it holds.
-- ARGV: prefix
local prefix = ARGV[1]
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local result = {}
for _, id in ipairs(redis.call('SMEMBERS', prefix .. 'workers')) do
  local worker = prefix .. 'worker:' .. id
  local f = redis.call('HMGET', worker, 'url', 'media', 'capacity', 'active', 'draining', 'beatMs')
  if f[1] then
    local reserved = redis.call('ZCOUNT', worker .. ':reserved', nowMs, '+inf')
    table.insert(result, {id, f[1], f[2], f[3], f[4], f[5], tostring(redis.call('SCARD', worker .. ':sessions')),
        tostring(reserved), f[6]})
  end
end
return result
