# shellcheck shell=bash
# The SLA benchmark (SPEC §9; not a test): ./oktioneer bench.
# Sourced by ./oktioneer (which sets ROOT, RUN, PIDS, LOGS, LIB, the ports and the lists of servers and services).

cpu_snapshot() { # file: "name ticks" for every process we started (with its children), plus the whole machine
  : >"$1"
  local f pid
  for f in "$PIDS"/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    [ -r "/proc/$pid/stat" ] || continue
    # PostgreSQL's backends are the postmaster's children: count them (and waited-for children) too
    { cat "/proc/$pid/stat"; for c in $(pgrep -P "$pid"); do cat "/proc/$c/stat" 2>/dev/null; done; } \
      | sed 's/^.*) //' | awk -v n="$(basename "$f" .pid)" '{t += $12 + $13 + (NR == 1 ? $14 + $15 : 0)} END {print n, t}' >>"$1"
  done
  awk '/^cpu / {print "machine-total", $2 + $3 + $4 + $7 + $8}' /proc/stat >>"$1"
}

bench_step() { # mode (gateway, direct, or warmup: through the gateway, not reported) rate
  local mode=$1 rate=$2 dir; dir=$BENCH_DIR/$(printf '%s-%05d' "$mode" "$rate")
  local duration=${BENCH_STEP_DURATION:-$BENCH_DURATION} traffic=$mode
  mkdir -p "$dir"
  local base=http://127.0.0.1:$OKTIONEER_GATEWAY_PORT
  [ "$mode" = direct ] && base=http://127.0.0.1:${SERVICE_PORT[auction-service]}
  [ "$mode" = warmup ] && traffic=gateway
  log "bench: $rate evaluations/s for ${duration}s ($mode)"
  cpu_snapshot "$dir/cpu-before.txt"; local start; start=$(date +%s%3N)
  "$ROOT/mvnw" -q -B -ntp -f "$ROOT/load-tests/pom.xml" gatling:test \
    -Dgatling.simulationClass=io.oktioneer.load.EvaluateSimulation -Dbench.mode="$traffic" -Dbench.rate="$rate" \
    -Dbench.duration="$duration" -Dbench.baseUrl="$base" -Dbench.bidderKey="$BENCH_BIDDER_KEY" \
    -Dbench.exchangeKeys="$BENCH_EXCHANGE_KEYS" -Dbench.internalToken="$OKTIONEER_INTERNAL_TOKEN" \
    -Dbench.out="$dir/mix.txt" -Dbench.pidDir="$PIDS" -Dbench.cpuOut="$dir/cpu-steady.txt" >"$dir/gatling.log" 2>&1 || log "gatling reported failures at $rate/s (see $dir/gatling.log)"
  local end; end=$(date +%s%3N); cpu_snapshot "$dir/cpu-after.txt"
  [ "$mode" = warmup ] && return
  local report; report=$(ls -dt "$ROOT"/load-tests/target/gatling/evaluatesimulation-* | sed -n 1p) # sed reads on: head would SIGPIPE ls
  printf 'mode=%s\nrate=%s\nreport=%s\nstartMillis=%s\nendMillis=%s\n' "$mode" "$rate" "$report" "$start" "$end" >"$dir/step.properties"
}

bench() {
  local steps="500 1000 2000 3000" direct_rate=2000 warmup=60
  BENCH_DURATION=30; local users=100000 preferences=1000000
  while [ $# -gt 0 ]; do
    case $1 in
      --rate) steps=$2; direct_rate=$2; shift 2 ;;
      --steps) steps=${2//,/ }; shift 2
        # the direct (gateway overhead) step runs at 2,000/s when that is a step, else at the highest one
        case " $steps " in *" 2000 "*) direct_rate=2000 ;; *) direct_rate=$(tr ' ' '\n' <<<"$steps" | sort -n | tail -n 1) ;; esac ;;
      --warmup) warmup=$2; shift 2 ;;
      --duration) BENCH_DURATION=$2; shift 2 ;;
      --users) users=$2; shift 2 ;;
      --preferences) preferences=$2; shift 2 ;;
      *) die "usage: ./oktioneer bench [--rate R | --steps R1,R2,…] [--duration S] [--warmup S] [--users N] [--preferences N]" ;;
    esac
  done
  pick_jdk
  load_replicas # a platform started with up --replicas is measured as it runs
  service_health gateway >/dev/null || up
  secrets
  BENCH_DIR=$ROOT/load-tests/target/bench/$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$BENCH_DIR"
  log "bench: building the load tools"
  "$ROOT/mvnw" -q -B -ntp -f "$ROOT/load-tests/pom.xml" test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt >"$BENCH_DIR/build.log" 2>&1 || die "load-tests build failed (see $BENCH_DIR/build.log)"
  local cp="$ROOT/load-tests/target/classes:$(cat "$ROOT/load-tests/target/classpath.txt")"
  log "bench: seeding $users users and $preferences preferences in bulk"
  java -cp "$cp" io.oktioneer.load.PopulationSeeder "jdbc:postgresql://127.0.0.1:$OKTIONEER_POSTGRES_PORT/oktioneer_preference" \
    oktioneer oktioneer "127.0.0.1:$OKTIONEER_KAFKA_PORT" "$users" "$preferences" || die "seeding failed"
  log "bench: waiting for the decision-engine to index the population"
  wait_for decision-engine 600 engine_holds "$preferences"
  BENCH_BIDDER_KEY=$(bench_key BIDDER '')
  BENCH_EXCHANGE_KEYS=
  for ex in ex-paris ex-london ex-berlin ex-newyork ex-tokyo; do
    BENCH_EXCHANGE_KEYS+="$ex=$(bench_key EXCHANGE ",\"exchange\":\"$ex\""),"
  done
  {
    echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "command=./oktioneer bench --steps ${steps// /,} --duration $BENCH_DURATION --warmup $warmup"
    echo "machine=$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -n 1)"
    echo "users=$users"; echo "preferences=$preferences"; echo "duration=$BENCH_DURATION"
    echo "replicas=$(sort "$RUN/replicas" 2>/dev/null | tr '\n' ' ')"
  } >"$BENCH_DIR/run.properties"
  if [ "$warmup" -gt 0 ]; then
    # JIT-compile every service's hot path before measuring: a cold JVM at full rate measures the compiler.
    local first; first=$(tr ' ' '\n' <<<"$steps" | sort -n | head -n 1)
    BENCH_STEP_DURATION=$warmup bench_step warmup "$first"
  fi
  for rate in $steps; do bench_step gateway "$rate"; done
  bench_step direct "$direct_rate"
  log "bench: idle latency (sequential evaluations through the gateway, every JVM warm)"
  sleep 10
  java -cp "$cp" io.oktioneer.load.IdleLatency "http://127.0.0.1:$OKTIONEER_GATEWAY_PORT" "$BENCH_BIDDER_KEY" 400 \
    "$BENCH_DIR/idle-latency.txt" || log "idle latency not measured"
  log "bench: checking the ledger and ClickHouse"
  java -cp "$cp" io.oktioneer.load.BenchChecks "127.0.0.1:$OKTIONEER_POSTGRES_PORT" \
    "http://127.0.0.1:$OKTIONEER_CLICKHOUSE_HTTP_PORT" "$(sed -n 's/^started=//p' "$BENCH_DIR/run.properties")" >"$BENCH_DIR/checks.txt" || log "data checks FAILED (see $BENCH_DIR/checks.txt)"
  java -cp "$cp" io.oktioneer.load.BenchReport "$BENCH_DIR" "$ROOT/docs/performance.md"
}

bench_key() { # role extra-json -> plaintext key, created through the admin API
  curl -fsS -H "Authorization: Bearer $OKTIONEER_ADMIN_KEY" -H 'Content-Type: application/json' \
    -d "{\"role\":\"$1\"$2,\"rateLimit\":{\"perSecond\":100000,\"burst\":100000}}" \
    "http://127.0.0.1:$OKTIONEER_GATEWAY_PORT/api/v1/admin/api-keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p'
}

engine_holds() { # n: the index of every engine replica holds at least n preferences
  local engine held
  for engine in $(instances decision-engine); do
    held=$(curl -fsS "http://127.0.0.1:$(instance_port "$engine")/actuator/prometheus" \
      | awk '/^oktioneer_engine_preferences/ {print int($2)}' | head -n 1)
    [ -n "$held" ] && [ "$held" -ge "$1" ] || return 1
  done
}
