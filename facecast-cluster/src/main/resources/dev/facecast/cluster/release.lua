-- A reserved slot given back: its session was not created.
-- ARGV: prefix, workerId, reservationId
return redis.call('ZREM', ARGV[1] .. 'worker:' .. ARGV[2] .. ':reserved', ARGV[3])
