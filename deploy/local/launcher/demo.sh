# shellcheck shell=bash
# Demo traffic through the gateway of a running platform (docs/operations.md): ./oktioneer demo.
# Sourced by ./oktioneer (which sets ROOT, RUN, PIDS, LOGS, LIB, the ports and the lists of servers and services).

DEMO_USAGE="usage: ./oktioneer demo [--rate R] [--duration S]   (R evaluations/s 1-1000, default 20; S seconds 1-86400, default 60)"

demo() {
  local rate=20 duration=60
  while [ $# -gt 0 ]; do
    case $1 in
      --rate|--duration) [ $# -ge 2 ] || die "$DEMO_USAGE"
        [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive whole number. $DEMO_USAGE"
        if [ "$1" = --rate ]; then rate=$2; else duration=$2; fi; shift 2 ;;
      -h|--help) echo "$DEMO_USAGE"; return ;;
      *) die "unknown argument '$1'. $DEMO_USAGE" ;;
    esac
  done
  [ "${#rate}" -le 4 ] && [ "$rate" -le 1000 ] && [ "${#duration}" -le 5 ] && [ "$duration" -le 86400 ] || die "$DEMO_USAGE"
  [ -f "$RUN/demo-keys.env" ] || die "no demo keys in $RUN/demo-keys.env: start the platform with ./oktioneer up first"
  service_health gateway >/dev/null || die "the gateway is not ready on 127.0.0.1:$OKTIONEER_GATEWAY_PORT: ./oktioneer up first"
  # shellcheck disable=SC1091
  . "$RUN/demo-keys.env"
  pick_jdk
  local dir; dir=$ROOT/load-tests/target/demo/$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$dir"
  log "demo: $rate evaluations/s for ${duration}s through the gateway (bidder and exchange demo keys, exchange ex-paris)"
  "$ROOT/mvnw" -q -B -ntp -f "$ROOT/pom.xml" -pl load-tests -am -P simulation -DskipTests verify \
    -Dgatling.simulationClass=io.oktioneer.load.DemoSimulation -Ddemo.rate="$rate" -Ddemo.duration="$duration" \
    -Ddemo.baseUrl="http://127.0.0.1:$OKTIONEER_GATEWAY_PORT" -Ddemo.bidderKey="$DEMO_BIDDER_KEY" \
    -Ddemo.exchangeKey="$DEMO_EXCHANGE_KEY" -Ddemo.exchange=ex-paris -Ddemo.out="$dir/summary.txt" \
    >"$dir/gatling.log" 2>&1 || log "demo: some calls failed (see $dir/gatling.log)"
  [ -f "$dir/summary.txt" ] && cat "$dir/summary.txt"
  cat <<EOF
Where to look:
  Prometheus    http://127.0.0.1:$OKTIONEER_PROMETHEUS_PORT/graph?g0.expr=sum%20by%20(decision,reason)%20(rate(oktioneer_decisions_total%5B1m%5D))
  Zipkin        http://127.0.0.1:$OKTIONEER_ZIPKIN_PORT   (traces are sampled: about 1 call in 10)
  Analytics     curl -s -H "Authorization: Bearer \$ADMIN_KEY" 'http://127.0.0.1:$OKTIONEER_GATEWAY_PORT/api/v1/analytics/summary?groupBy=user'
  Gatling       $(ls -dt "$ROOT"/load-tests/target/gatling/demosimulation-* 2>/dev/null | sed -n 1p)/index.html
EOF
}
