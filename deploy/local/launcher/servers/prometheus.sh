# shellcheck shell=bash
# Server recipe: Prometheus (Debian package) with deploy/prometheus/prometheus.yml, on $OKTIONEER_PROMETHEUS_PORT.
# Sourced by ./oktioneer; installed by install.sh, supervised by servers.sh.

prometheus_packages() { echo prometheus; }

start_prometheus() {
  mkdir -p "$RUN/prometheus"
  nohup prometheus --config.file="$ROOT/deploy/prometheus/prometheus.yml" --storage.tsdb.path="$RUN/prometheus" \
    --web.listen-address="127.0.0.1:$OKTIONEER_PROMETHEUS_PORT" --web.enable-lifecycle \
    >>"$LOGS/prometheus.log" 2>&1 &
  echo $! >"$PIDS/prometheus.pid"
  wait_for prometheus 30 curl -fsS "http://127.0.0.1:$OKTIONEER_PROMETHEUS_PORT/-/ready"
}

prometheus_url() { echo "http://127.0.0.1:$OKTIONEER_PROMETHEUS_PORT"; }
