# shellcheck shell=bash
# Server recipe: Zipkin, in memory (the exec jar from Maven Central), on $OKTIONEER_ZIPKIN_PORT.
# Sourced by ./oktioneer; installed by install.sh, supervised by servers.sh.

ZIPKIN_VERSION=3.6.1

zipkin_packages() { :; }

zipkin_fetch() {
  if [ ! -f "$LIB/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar" ]; then
    log "fetching Zipkin $ZIPKIN_VERSION from Maven Central"
    "$ROOT/mvnw" -q -B -f "$ROOT/deploy/local/servers/pom.xml" dependency:copy \
      -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" -DoutputDirectory="$LIB/zipkin" \
      >"$LOGS/fetch-zipkin.log" 2>&1 || die "fetching Zipkin failed (see $LOGS/fetch-zipkin.log)"
  fi
}

start_zipkin() {
  STORAGE_TYPE=mem MEM_MAX_SPANS=100000 nohup java -Xms64m -Xmx512m -jar "$LIB/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar" \
    "--armeria.ports[0].ip=127.0.0.1" "--armeria.ports[0].port=$OKTIONEER_ZIPKIN_PORT" \
    "--armeria.ports[0].protocols[0]=http" >>"$LOGS/zipkin.log" 2>&1 &
  echo $! >"$PIDS/zipkin.pid"
  wait_for zipkin 60 curl -fsS "http://127.0.0.1:$OKTIONEER_ZIPKIN_PORT/health"
}

zipkin_url() { echo "http://127.0.0.1:$OKTIONEER_ZIPKIN_PORT"; }
