# shellcheck shell=bash
# Server recipe: PostgreSQL (Debian package) with the three databases, on $OKTIONEER_POSTGRES_PORT.
# Sourced by ./oktioneer; installed by install.sh, supervised by servers.sh.

postgres_packages() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || echo postgresql; }

# PG_BIN: the newest installed PostgreSQL's bin folder.
postgres_locate() { PG_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"); }

pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$OKTIONEER_POSTGRES_PORT"; }
psql_admin() { PGPASSWORD=oktioneer "$PG_BIN/psql" -q -h 127.0.0.1 -p "$OKTIONEER_POSTGRES_PORT" -U oktioneer -d postgres "$@"; }

start_postgres() {
  local dir=$RUN/postgres
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir/data" "$dir/socket"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
    echo oktioneer >"$dir/pwfile"; [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pwfile"
    pg_run "$PG_BIN/initdb" -D "$dir/data" -U oktioneer --pwfile="$dir/pwfile" --auth=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$LOGS/postgres-initdb.log" 2>&1 || die "initdb failed (see $LOGS/postgres-initdb.log)"
    rm -f "$dir/pwfile"
  fi
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir" "$dir/socket" && touch "$LOGS/postgres.log" && chown postgres "$LOGS/postgres.log"
  pg_run "$PG_BIN/pg_ctl" -D "$dir/data" -l "$LOGS/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $OKTIONEER_POSTGRES_PORT -k $dir/socket -c max_connections=300 -c shared_buffers=256MB -c synchronous_commit=on" \
    >/dev/null || die "PostgreSQL did not start (see $LOGS/postgres.log)"
  head -n 1 "$dir/data/postmaster.pid" >"$PIDS/postgres.pid"
  wait_for postgres 30 pg_ready
  for db in "${DATABASES[@]}"; do
    psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 || psql_admin -c "CREATE DATABASE $db"
  done
}

stop_postgres() {
  if is_running postgres; then
    pg_run "$PG_BIN/pg_ctl" -D "$RUN/postgres/data" -m fast -w stop >/dev/null 2>&1 || true
    log "stopped postgres"
  fi
  rm -f "$PIDS/postgres.pid"
}

postgres_url() { echo "postgresql://oktioneer:oktioneer@127.0.0.1:$OKTIONEER_POSTGRES_PORT"; }
