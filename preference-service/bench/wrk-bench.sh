#!/usr/bin/env bash
# Latency of the preference-service under load, measured with wrk (apt-get install -y wrk) against a running
# instance: GET of one preference (Redis hit path), GET of a list page, POST (create: PostgreSQL transaction
# with its outbox row). Calls carry the internal token like the gateway's. Not a test: it writes a report.
#
#   preference-service/bench/wrk-bench.sh [base-url] [duration] [connections]
#   e.g. preference-service/bench/wrk-bench.sh http://127.0.0.1:18081 20s 4
#
# wrk is a closed-loop load generator (each connection waits for its answer), so its percentiles are those
# of the rate the service sustains with that many connections in flight, not of a fixed arrival rate.
set -euo pipefail
BASE=${1:-http://127.0.0.1:18081}
DURATION=${2:-20s}
CONNECTIONS=${3:-4}
TOKEN=${OKTIONEER_INTERNAL_TOKEN:-dev-internal-token}
OUT=${OUT:-$(dirname "$0")/../target/bench}
mkdir -p "$OUT"
HEADER="X-Oktioneer-Internal-Token: $TOKEN"
USER_ID="bench-$(date +%s)"
BODY='{"name":"Vintage watches","categories":["watches"],"brands":["omega","seiko"],"maxBid":250.00,"totalBudget":1000.00,"currency":"EUR","active":true}'

curl -sf -X PUT -H "$HEADER" -H 'Content-Type: application/json' "$BASE/api/v1/users/$USER_ID" \
  -d '{"displayName":"Bench"}' >/dev/null
PREFERENCE=$(curl -sf -X POST -H "$HEADER" -H 'Content-Type: application/json' \
  "$BASE/api/v1/users/$USER_ID/preferences" -d "$BODY" | sed -E 's/.*"id":"([^"]+)".*/\1/')

cat > "$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Oktioneer-Internal-Token"] = "$TOKEN"
wrk.body = '$BODY'
LUA

run() { # name, extra wrk args..., url
  local name=$1; shift
  echo "== $name: wrk -t1 -c$CONNECTIONS -d$DURATION --latency $*" | tee -a "$OUT/report.txt"
  echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/report.txt"
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee -a "$OUT/report.txt"
}

: > "$OUT/report.txt"
{ echo "preference-service wrk benchmark, $(date -u +%FT%TZ)"; echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"; } | tee -a "$OUT/report.txt"
wrk -t1 -c"$CONNECTIONS" -d5s -H "$HEADER" "$BASE/api/v1/users/$USER_ID/preferences/$PREFERENCE" >/dev/null # warm-up
run "GET one preference (cache hit)" -H "$HEADER" "$BASE/api/v1/users/$USER_ID/preferences/$PREFERENCE"
run "GET a page of preferences (cache hit)" -H "$HEADER" "$BASE/api/v1/users/$USER_ID/preferences?size=20"
run "POST a preference (PostgreSQL + outbox)" -s "$OUT/post.lua" "$BASE/api/v1/users/$USER_ID/preferences"
echo "report: $OUT/report.txt"
