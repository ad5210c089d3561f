-- Token bucket, atomic in Redis. KEYS[1] = bucket hash; ARGV[1] = tokens per second, ARGV[2] = burst,
-- ARGV[3] = tokens wanted (a lease, at least 1; absent = 1).
-- Grants as many of the wanted tokens as the bucket holds whole. Returns {tokens granted (0 = refused),
-- tokens left (floor), microseconds until a token when refused}.
-- The clock is Redis's own (TIME), so gateway replicas with skewed clocks share buckets correctly.
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3] or '1')
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate / 1000000)
end

local granted = math.min(wanted, math.floor(tokens))
local wait = 0
if granted >= 1 then
  tokens = tokens - granted
else
  granted = 0
  wait = math.ceil((1 - tokens) * 1000000 / rate)
end

-- string.format keeps full precision (a bare number would be written with 14 significant digits).
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.0f', math.max(now, at)))
-- A bucket left alone refills completely, so it can simply disappear then.
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return {granted, math.floor(tokens), wait}
