# shellcheck shell=bash
# Installing the servers: Debian packages (each recipe's NAME_packages) and the jars of Maven Central (NAME_fetch).
# Sourced by ./oktioneer (which sets ROOT, RUN, PIDS, LOGS, LIB, the ports and the lists of servers and services).

APT_UPDATED=
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >"$LOGS/apt.log" 2>&1; then
    [ -n "$APT_UPDATED" ] || { as_root apt-get update -q >>"$LOGS/apt.log" 2>&1 || true; APT_UPDATED=1; }
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$LOGS/apt.log" 2>&1 \
      || die "apt-get install ${missing[*]} failed (see $LOGS/apt.log)"
  fi
  # Debian starts packaged servers on their standard ports; ours run on private ports, so stop those.
  for svc in redis-server clickhouse-server prometheus; do
    if printf '%s\n' "${missing[@]}" | grep -qx "$svc"; then as_root service "$svc" stop >/dev/null 2>&1 || true; fi
  done
}

install_servers() {
  mkdir -p "$PIDS" "$LOGS" "$LIB"
  local pkgs=(curl) s
  for s in "${SERVERS[@]}"; do mapfile -t -O "${#pkgs[@]}" pkgs < <("${s}_packages"); done
  apt_install "${pkgs[@]}"
  postgres_locate
  for s in "${SERVERS[@]}"; do
    if declare -F "${s}_fetch" >/dev/null; then "${s}_fetch"; fi
  done
}
