-- The fleet's sessions, or one (ARGV[2]), each as {id, ownerId, ownerUrl, createdMs, state}; a session
-- whose owner is gone is left out (its own key expires within the TTL too).
-- ARGV: prefix, sessionId ('' for all)
local prefix, only = ARGV[1], ARGV[2]
local result = {}
local function add(sessionId)
  local s = redis.call('HMGET', prefix .. 'session:' .. sessionId, 'owner', 'createdMs', 'state')
  if s[1] then
    local url = redis.call('HGET', prefix .. 'worker:' .. s[1], 'url')
    if url then table.insert(result, {sessionId, s[1], url, s[2], s[3]}) end
  end
end
if only ~= '' then
  add(only)
else
  for _, id in ipairs(redis.call('SMEMBERS', prefix .. 'workers')) do
    for _, sessionId in ipairs(redis.call('SMEMBERS', prefix .. 'worker:' .. id .. ':sessions')) do add(sessionId) end
  end
end
return result
