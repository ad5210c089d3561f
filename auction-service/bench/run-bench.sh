#!/usr/bin/env bash
# Evaluate benchmark of the auction-service with the real decision-engine (SPEC §9; not a test).
# Starts both services on private ports against the running PostgreSQL and Kafka, with their own database
# and topics, seeds preferences, runs the open-model load (EvaluateBench) and writes a report.
#   auction-service/bench/run-bench.sh [steps] [duration-s] [preferences]
# Needs the launcher's servers (./oktioneer infra up) and JAVA_HOME (>= 21).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
STEPS=${1:-500,1000,1500,2000,2500}
DURATION=${2:-30}
PREFERENCES=${3:-20000}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
OUT=$ROOT/auction-service/target/bench/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
ID=bench_$(date +%s)
TOKEN=bench-token-$ID
DB=oktioneer_$ID
TOPIC_P=oktioneer.preferences.v1.$ID
TOPIC_A=oktioneer.auctions.v1.$ID
AUCTION_PORT=${AUCTION_PORT:-28082}
ENGINE_PORT=${ENGINE_PORT:-28083}

./mvnw -q -B -ntp -o -pl decision-engine,auction-service package -DskipTests
./mvnw -q -B -ntp -o -pl auction-service dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
PGPASSWORD=oktioneer psql -h 127.0.0.1 -p 15432 -U oktioneer -d postgres -qc "CREATE DATABASE $DB"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  PGPASSWORD=oktioneer psql -h 127.0.0.1 -p 15432 -U oktioneer -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
}
trap cleanup EXIT

COMMON=(--oktioneer.security.internal-token="$TOKEN" --oktioneer.kafka.topics.preferences="$TOPIC_P"
        --oktioneer.kafka.topics.auctions="$TOPIC_A" ${BENCH_SERVICE_ARGS:-})
"$JAVA" -Xms512m -Xmx1g -jar decision-engine/target/decision-engine-0.1.0-SNAPSHOT.jar --server.port=$ENGINE_PORT \
  "${COMMON[@]}" --spring.kafka.consumer.group-id="$ID-engine" >"$OUT/engine.log" 2>&1 &
ENGINE_PID=$!
pids+=($ENGINE_PID)
"$JAVA" -Xms512m -Xmx1g -jar auction-service/target/auction-service-0.1.0-SNAPSHOT.jar --server.port=$AUCTION_PORT \
  "${COMMON[@]}" --spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/$DB \
  --oktioneer.engine.urls=http://127.0.0.1:$ENGINE_PORT --oktioneer.kafka.preferences-group="$ID" \
  >"$OUT/auction.log" 2>&1 &
AUCTION_PID=$!
pids+=($AUCTION_PID)
for port in $AUCTION_PORT $ENGINE_PORT; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null 2>&1 && break; sleep 1
  done
done

BENCH=("$JAVA" -cp "$ROOT/auction-service/target/test-classes:$ROOT/auction-service/target/classes:$(cat "$OUT/cp.txt")"
       io.oktioneer.auction.bench.EvaluateBench url=http://127.0.0.1:$AUCTION_PORT token="$TOKEN")
# seed the preferences, let the engine index them, warm both services up
"${BENCH[@]}" steps=none warmup=20 seed="$PREFERENCES" settle=15000 bootstrap=127.0.0.1:19092 topic="$TOPIC_P" \
  | tee "$OUT/warmup.out"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system clock ticks of a process
CPU_A=$(cpu $AUCTION_PID); CPU_E=$(cpu $ENGINE_PID)
"${BENCH[@]}" steps="$STEPS" duration="$DURATION" warmup=0 report="$OUT/report.txt" | tee "$OUT/bench.out"
CPU_A=$(( $(cpu $AUCTION_PID) - CPU_A )); CPU_E=$(( $(cpu $ENGINE_PID) - CPU_E ))
REQUESTS=$(grep -h -o 'requests=[0-9]*' "$OUT/bench.out" | cut -d= -f2 | paste -sd+ | bc)
TICKS=$(getconf CLK_TCK)
# The engine stopped: every answer is NO_BID ENGINE_UNAVAILABLE (circuit open) or TIMEOUT, within tmaxMs (100).
kill "$ENGINE_PID"; wait "$ENGINE_PID" 2>/dev/null || true
echo "engine stopped:" >>"$OUT/report.txt"
"${BENCH[@]}" steps=${ENGINE_DOWN_RATE:-500} duration=10 warmup=0 | tee -a "$OUT/bench.out" | grep '^step' >>"$OUT/report.txt"
{
  echo "CPU per evaluation (the steps, $REQUESTS requests): auction-service $(( CPU_A * 1000000 / TICKS / REQUESTS )) us," \
       "decision-engine $(( CPU_E * 1000000 / TICKS / REQUESTS )) us"
  echo "load average at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  curl -fs "http://127.0.0.1:$AUCTION_PORT/actuator/prometheus" | grep -E '^oktioneer_ledger_(batch_size|commit_latency_seconds)_(count|sum|max)' || true
} >>"$OUT/report.txt"
cat "$OUT/report.txt"
echo "report: $OUT/report.txt"
