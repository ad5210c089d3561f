# shellcheck shell=bash
# Server recipe: Redis (Debian package), nothing persisted, on $OKTIONEER_REDIS_PORT.
# Sourced by ./oktioneer; installed by install.sh, supervised by servers.sh.

redis_packages() { echo redis-server; }

start_redis() {
  mkdir -p "$RUN/redis"
  redis-server --port "$OKTIONEER_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$RUN/redis" --pidfile "$RUN/redis/redis.pid" --logfile "$LOGS/redis.log" >/dev/null
  wait_for redis 10 test -s "$RUN/redis/redis.pid"
  cp "$RUN/redis/redis.pid" "$PIDS/redis.pid"
  wait_for redis 20 redis-cli -p "$OKTIONEER_REDIS_PORT" ping
}

redis_url() { echo "redis://127.0.0.1:$OKTIONEER_REDIS_PORT"; }
