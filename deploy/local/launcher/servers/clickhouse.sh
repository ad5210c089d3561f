# shellcheck shell=bash
# Server recipe: ClickHouse (Debian package), config from deploy/local/clickhouse-*.xml, on
# $OKTIONEER_CLICKHOUSE_HTTP_PORT (HTTP) and $OKTIONEER_CLICKHOUSE_TCP_PORT (native).
# Sourced by ./oktioneer; installed by install.sh, supervised by servers.sh.

clickhouse_packages() { printf '%s\n' clickhouse-server clickhouse-client; }

start_clickhouse() {
  local dir=$RUN/clickhouse
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas" "$dir/log"
  sed -e "s#@RUN@#$RUN#g" -e "s#@HTTP_PORT@#$OKTIONEER_CLICKHOUSE_HTTP_PORT#g" \
      -e "s#@TCP_PORT@#$OKTIONEER_CLICKHOUSE_TCP_PORT#g" "$ROOT/deploy/local/clickhouse-config.xml" >"$dir/config.xml"
  cp "$ROOT/deploy/local/clickhouse-users.xml" "$dir/users.xml"
  (cd "$dir" && exec nohup /usr/sbin/clickhouse-server --config-file="$dir/config.xml" >>"$LOGS/clickhouse.log" 2>&1) &
  echo $! >"$PIDS/clickhouse.pid"
  wait_for clickhouse 60 curl -fsS "http://127.0.0.1:$OKTIONEER_CLICKHOUSE_HTTP_PORT/ping"
}

# ClickHouse 18.16 on SIGTERM closes its listening sockets, then keeps serving every open keep-alive connection
# for as long as its client uses it (the history-consumer's pool does, every poll): its shutdown waited 15-25 s
# under load and `stop` killed it. Once it has stopped listening, cutting those established connections on its
# side (ss -K) lets it finish its own clean shutdown (storages closed) in about a second; its clients see a reset
# connection, as on any server restart.
stop_clickhouse() {
  local pid; pid=$(pid_of clickhouse)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    local filter="( sport = :$OKTIONEER_CLICKHOUSE_HTTP_PORT or sport = :$OKTIONEER_CLICKHOUSE_TCP_PORT )"
    local i; for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      # from 0.4 s on (the listening sockets are closed by then), once a second
      if [ "$i" -ge 2 ] && [ $((i % 5)) -eq 2 ]; then as_root ss -K -tn state established "$filter" >/dev/null 2>&1 || true; fi
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && { log "clickhouse did not stop in 20 s, killing"; kill -9 "$pid" 2>/dev/null || true; }
    log "stopped clickhouse"
  fi
  rm -f "$PIDS/clickhouse.pid"
}

clickhouse_url() { echo "http://127.0.0.1:$OKTIONEER_CLICKHOUSE_HTTP_PORT"; }
