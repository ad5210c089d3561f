# shellcheck shell=bash
# Supervising the five services: up, down, reset, status (servers through servers.sh).
# Sourced by ./oktioneer (which sets ROOT, RUN, PIDS, LOGS, LIB, the ports and the lists of servers and services).

secrets() {
  local file=$RUN/secrets.env
  if [ ! -f "$file" ]; then
    umask 077
    printf 'OKTIONEER_INTERNAL_TOKEN=%s\nGENERATED_ADMIN_KEY=okt_admin_%s\n' \
      "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$file"
  fi
  # shellcheck disable=SC1090
  . "$file"
  export OKTIONEER_INTERNAL_TOKEN
  export OKTIONEER_ADMIN_KEY=${OKTIONEER_ADMIN_KEY:-$GENERATED_ADMIN_KEY}
}

service_jar() { ls "$ROOT/$1"/target/"$1"-*.jar 2>/dev/null | grep -v -- '-plain.jar' | head -n 1; }
service_health() { curl -fsS --max-time 2 "http://127.0.0.1:${SERVICE_PORT[$1]}/actuator/health/readiness" 2>/dev/null; }

raise_priority() { # every thread of a service back to nice 0 (nice is per thread on Linux)
  local pid; pid=$(cat "$PIDS/$1.pid" 2>/dev/null) || return 0
  local pass; for pass in 1 2; do
    renice -n 0 -p $(ls "/proc/$pid/task" 2>/dev/null) >/dev/null 2>&1 || true
  done
}

start_service() {
  local name=$1
  if is_running "$name"; then return; fi
  local jar; jar=$(service_jar "$name"); [ -n "$jar" ] || die "$name is not built"
  # The environment passes through: any oktioneer.* setting can be given as OKTIONEER_... (relaxed binding).
  # The decision-engine holds every preference in memory (~215 B each: 1,000,000 need ~250 MB of live heap).
  # -Xms = -Xmx: the heap is sized once at start, not grown and shrunk under load.
  local heap=512m; [ "$name" = decision-engine ] && heap=2g
  # Started at nice 10, raised to 0 once ready (raise_priority): a starting JVM's class loading, JIT and warm-up
  # would otherwise take both cores from the services already answering.
  nohup nice -n 10 java ${OKTIONEER_JAVA_OPTS:--Xms$heap -Xmx$heap -XX:+UseG1GC} -jar "$jar" >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}

up() {
  infra up
  secrets
  build
  for s in "${SERVICES[@]}"; do start_service "$s"; done
  for s in "${SERVICES[@]}"; do
    is_running "$s" || die "$s exited at start (see $LOGS/$s.log)"
    wait_for "$s" 300 service_health "$s"
    raise_priority "$s"
    log "$s ready on 127.0.0.1:${SERVICE_PORT[$s]}"
  done
  "$ROOT/deploy/local/seed-demo.sh" || log "demo data not seeded (see above)"
  local bidder=- exchange=- user=-
  if [ -f "$RUN/demo-keys.env" ]; then
    # shellcheck disable=SC1091
    . "$RUN/demo-keys.env"; bidder=$DEMO_BIDDER_KEY; exchange=$DEMO_EXCHANGE_KEY; user=$DEMO_USER_KEY
  fi
  cat <<EOF

Oktioneer is up.
  Gateway       http://127.0.0.1:$OKTIONEER_GATEWAY_PORT   (health: /actuator/health)
  Admin key     $OKTIONEER_ADMIN_KEY
  Bidder key    $bidder
  Exchange key  $exchange   (exchange ex-paris)
  User key      $user   (user u42)
  Prometheus    http://127.0.0.1:$OKTIONEER_PROMETHEUS_PORT   (alerts: /alerts)
  Zipkin        http://127.0.0.1:$OKTIONEER_ZIPKIN_PORT
  Grafana       dashboards in deploy/grafana/ (provisioned by docker compose; import them into any Grafana)
  Logs          ./oktioneer logs NAME   (files in $LOGS)

Try an evaluation:
  curl -s -H "Authorization: Bearer $bidder" -H 'Content-Type: application/json' \\
    http://127.0.0.1:$OKTIONEER_GATEWAY_PORT/api/v1/auctions/evaluate \\
    -d '{"exchange":"ex-paris","auctionId":"A-'"\$RANDOM"'","item":{"category":"watches","brand":"Omega"},"floorPrice":120.00,"currency":"EUR"}'
EOF
}

down() {
  for ((i=${#SERVICES[@]}-1; i>=0; i--)); do stop_pid "${SERVICES[$i]}"; done
  infra down
}

# Stops everything and deletes the servers' data (databases, topics, ClickHouse, Redis, Prometheus); keeps the
# downloaded servers and the generated secrets. The next `up` starts from an empty platform.
reset() {
  down
  rm -rf "$RUN/postgres" "$RUN/redis" "$RUN/kafka" "$RUN/clickhouse" "$RUN/prometheus" "$RUN/demo-keys.env"
  log "data deleted: the next ./oktioneer up starts from an empty platform"
}

status() {
  infra status
  for s in "${SERVICES[@]}"; do
    if is_running "$s"; then
      printf '%-19s running  pid %-8s :%-6s %s\n' "$s" "$(pid_of "$s")" "${SERVICE_PORT[$s]}" "$(service_health "$s" || echo 'not ready')"
    else printf '%-19s stopped\n' "$s"; fi
  done
}
