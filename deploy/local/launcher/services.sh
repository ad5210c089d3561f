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

# ---------------------------------------------------------------- instances (up --replicas)
# Instance 1 of a service is named after it and listens on its port; instance i (2, 3, …) is "<service>-i" on the
# service's port + 100 × (i − 1). The counts of the last `up` are kept in $RUN/replicas for status and down.
declare -A REPLICAS=()

parse_replicas() { # "gateway=2,auction-service=2"
  local pair name count
  for pair in ${1//,/ }; do
    name=${pair%%=*}; count=${pair#*=}
    [ -n "${SERVICE_PORT[$name]:-}" ] || die "--replicas: unknown service '$name' (one of: ${SERVICES[*]})"
    [[ $count =~ ^[1-9][0-9]?$ ]] || die "--replicas: '$pair' needs a count from 1 to 99"
    REPLICAS[$name]=$count
  done
}

load_replicas() {
  [ -f "$RUN/replicas" ] || return 0
  local line; while read -r line; do [ -n "$line" ] && REPLICAS[${line%%=*}]=${line#*=}; done <"$RUN/replicas"
}

save_replicas() {
  local s; : >"$RUN/replicas"
  for s in "${!REPLICAS[@]}"; do echo "$s=${REPLICAS[$s]}" >>"$RUN/replicas"; done
}

instances() { # service → its instance names
  local i; for ((i = 1; i <= ${REPLICAS[$1]:-1}; i++)); do [ "$i" = 1 ] && echo "$1" || echo "$1-$i"; done
}

service_of() { [[ $1 =~ ^(.*)-([0-9]+)$ && -n "${SERVICE_PORT[${BASH_REMATCH[1]}]:-}" ]] && echo "${BASH_REMATCH[1]}" || echo "$1"; }

instance_port() { # instance → its port
  local service; service=$(service_of "$1")
  local index=1; [ "$1" != "$service" ] && index=${1##*-}
  echo $((SERVICE_PORT[$service] + 100 * (index - 1)))
}

instance_urls() { # service → its instances' URLs, comma-separated
  local urls="" i; for i in $(instances "$1"); do urls+="${urls:+,}http://127.0.0.1:$(instance_port "$i")"; done; echo "$urls"
}

service_health() { curl -fsS --max-time 2 "http://127.0.0.1:$(instance_port "$1")/actuator/health/readiness" 2>/dev/null; }

raise_priority() { # every thread of a service back to nice 0 (nice is per thread on Linux)
  local pid; pid=$(cat "$PIDS/$1.pid" 2>/dev/null) || return 0
  local pass; for pass in 1 2; do
    renice -n 0 -p $(ls "/proc/$pid/task" 2>/dev/null) >/dev/null 2>&1 || true
  done
}

start_service() { # instance
  local name=$1 service; service=$(service_of "$1")
  if is_running "$name"; then return; fi
  local jar; jar=$(service_jar "$service"); [ -n "$jar" ] || die "$service is not built"
  # The environment passes through: any oktioneer.* setting can be given as OKTIONEER_... (relaxed binding).
  # The decision-engine holds every preference in memory (~215 B each: 1,000,000 need ~250 MB of live heap).
  # -Xms = -Xmx: the heap is sized once at start, not grown and shrunk under load.
  local heap=512m; [ "$service" = decision-engine ] && heap=2g
  # Started at nice 10, raised to 0 once ready (raise_priority): a starting JVM's class loading, JIT and warm-up
  # would otherwise take both cores from the services already answering.
  # Its port, and where the instances of the others are (the gateway balances over them, the auction-services
  # over the engines); one instance of each is the services' own application.yml values.
  SERVER_PORT=$(instance_port "$name") \
  OKTIONEER_GATEWAY_SERVICES_PREFERENCE=$(instance_urls preference-service) \
  OKTIONEER_GATEWAY_SERVICES_AUCTION=$(instance_urls auction-service) \
  OKTIONEER_GATEWAY_SERVICES_HISTORY=$(instance_urls history-consumer) \
  OKTIONEER_GATEWAY_HEALTH_ENGINE=$(instance_urls decision-engine) \
  OKTIONEER_ENGINE_URLS=$(instance_urls decision-engine) \
  nohup nice -n 10 java ${OKTIONEER_JAVA_OPTS:--Xms$heap -Xmx$heap -XX:+UseG1GC} -jar "$jar" >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}

all_instances() { local s; for s in "${SERVICES[@]}"; do instances "$s"; done; }

up() {
  while [ $# -gt 0 ]; do
    case $1 in
      --replicas) [ -n "${2:-}" ] || die "usage: ./oktioneer up [--replicas service=N,...]"; parse_replicas "$2"; shift 2 ;;
      *) die "usage: ./oktioneer up [--replicas service=N,...]" ;;
    esac
  done
  infra up
  secrets
  build
  if [ -n "$(running_instances)" ] && [ -f "$RUN/replicas" ]; then # already up: the same replicas, or none asked
    local asked; asked=$(for s in "${!REPLICAS[@]}"; do echo "$s=${REPLICAS[$s]}"; done | sort)
    [ -z "$asked" ] || [ "$asked" = "$(sort "$RUN/replicas")" ] \
      || die "the services run with other replicas ($(sort "$RUN/replicas" | tr '\n' ' ')): ./oktioneer down first"
    load_replicas
  fi
  save_replicas
  local i; local -a started; mapfile -t started < <(all_instances)
  for i in "${started[@]}"; do start_service "$i"; done
  for i in "${started[@]}"; do
    is_running "$i" || die "$i exited at start (see $LOGS/$i.log)"
    wait_for "$i" 300 service_health "$i"
    raise_priority "$i"
    log "$i ready on 127.0.0.1:$(instance_port "$i")"
  done
  "$ROOT/deploy/local/seed-demo.sh" || log "demo data not seeded (see above)"
  local bidder=- exchange=- user=-
  if [ -f "$RUN/demo-keys.env" ]; then
    # shellcheck disable=SC1091
    . "$RUN/demo-keys.env"; bidder=$DEMO_BIDDER_KEY; exchange=$DEMO_EXCHANGE_KEY; user=$DEMO_USER_KEY
  fi
  cat <<EOF

Oktioneer is up.
  Gateway       $(instance_urls gateway | sed 's/,/ and /g')   (health: /actuator/health)
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

# Every instance with a PID file, whatever the replicas of the last up.
running_instances() {
  local s f; for s in "${SERVICES[@]}"; do
    for f in "$PIDS/$s.pid" "$PIDS/$s"-[0-9]*.pid; do [ -f "$f" ] && basename "$f" .pid; done
  done
}

down() {
  local i; local -a running; mapfile -t running < <(running_instances)
  for ((i=${#running[@]}-1; i>=0; i--)); do stop_pid "${running[$i]}"; done
  rm -f "$RUN/replicas"
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
  load_replicas
  local s; for s in $(all_instances); do
    if is_running "$s"; then
      printf '%-21s running  pid %-8s :%-6s %s\n' "$s" "$(pid_of "$s")" "$(instance_port "$s")" "$(service_health "$s" || echo 'not ready')"
    else printf '%-21s stopped\n' "$s"; fi
  done
}
