# shellcheck shell=bash
# Supervising the servers (./oktioneer infra). Each server is a recipe in servers/NAME.sh that defines
#   NAME_packages  the Debian packages it needs (printed one a line, none when present)
#   NAME_fetch     optional: fetches what apt does not have (jars from Maven Central)
#   start_NAME     starts it and writes $PIDS/NAME.pid once it answers
#   stop_NAME      optional: its own clean shutdown (default: stop_pid, SIGTERM then kill -9 after 20 s)
#   NAME_url       where it answers
# Sourced by ./oktioneer (which sets ROOT, RUN, PIDS, LOGS, LIB, the ports and the lists of servers and services).

start_server() {
  local name=$1
  if is_running "$name"; then return; fi
  "start_$name"
  log "$name ready ($(server_url "$name"))"
}

stop_server() {
  if declare -F "stop_$1" >/dev/null; then "stop_$1"; else stop_pid "$1"; fi
}

server_url() { "${1}_url"; }

known_server() { printf '%s\n' "${SERVERS[@]}" | grep -qx "${1:-}" || die "unknown server '${1:-}' (one of: ${SERVERS[*]})"; }

infra() {
  local action=${1:-status}; shift || true
  mkdir -p "$PIDS" "$LOGS" "$LIB"
  case $action in
    up)
      pick_jdk; install_servers
      for s in "${SERVERS[@]}"; do start_server "$s"; done ;;
    start)
      known_server "${1:-}"; pick_jdk; install_servers; start_server "$1" ;;
    stop)
      known_server "${1:-}"; postgres_locate; stop_server "$1" ;;
    down)
      postgres_locate
      local i; for ((i=${#SERVERS[@]}-1; i>=0; i--)); do stop_server "${SERVERS[$i]}"; done ;;
    status)
      for s in "${SERVERS[@]}"; do
        if is_running "$s"; then printf '%-12s running  pid %-8s %s\n' "$s" "$(pid_of "$s")" "$(server_url "$s")"
        else printf '%-12s stopped\n' "$s"; fi
      done ;;
    *) die "usage: ./oktioneer infra up|down|status|start NAME|stop NAME" ;;
  esac
}
