# shellcheck shell=bash
# Building with Maven: the jars for up, every test for ./oktioneer test.
# Sourced by ./oktioneer (which sets ROOT, RUN, PIDS, LOGS, LIB, the ports and the lists of servers and services).

build() {
  log "building (./mvnw package, tests skipped)"
  "$ROOT/mvnw" -q -B -DskipTests package >"$LOGS/build.log" 2>&1 || die "build failed (see $LOGS/build.log)"
}

run_tests() {
  infra up
  export OKTIONEER_TEST_SERVERS=local
  log "running ./mvnw verify (unit and integration tests against the real servers)"
  "$ROOT/mvnw" -B -ntp verify "$@"
}
