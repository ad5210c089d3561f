# shellcheck shell=bash
# Server recipe: Kafka in KRaft mode (jars from Maven Central through deploy/local/servers/pom.xml), on
# $OKTIONEER_KAFKA_PORT (controller $OKTIONEER_KAFKA_CONTROLLER_PORT).
# Sourced by ./oktioneer; installed by install.sh, supervised by servers.sh.

KAFKA_VERSION=4.4.0

kafka_packages() { :; }

kafka_fetch() {
  # The marker names the helper pom's checksum: editing the pom fetches again (into the same folder, so a
  # running broker keeps its jars).
  local marker; marker=.complete-$(sha1sum "$ROOT/deploy/local/servers/pom.xml" | cut -c1-12)
  if [ ! -f "$LIB/kafka/$marker" ]; then
    log "fetching Kafka $KAFKA_VERSION from Maven Central"
    "$ROOT/mvnw" -q -B -f "$ROOT/deploy/local/servers/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$LIB/kafka" >"$LOGS/fetch-kafka.log" 2>&1 || die "fetching Kafka failed (see $LOGS/fetch-kafka.log)"
    touch "$LIB/kafka/$marker"
  fi
}

kafka_java() { java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka-log4j2.properties" -cp "$LIB/kafka/*" "$@"; }

start_kafka() {
  local dir=$RUN/kafka
  mkdir -p "$dir"
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$OKTIONEER_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$OKTIONEER_KAFKA_PORT,CONTROLLER://127.0.0.1:$OKTIONEER_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$OKTIONEER_KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.hours=168
EOF
  if [ ! -f "$dir/data/meta.properties" ]; then
    local id; id=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    kafka_java kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" >"$LOGS/kafka-format.log" 2>&1 \
      || die "formatting Kafka storage failed (see $LOGS/kafka-format.log)"
  fi
  nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka-log4j2.properties" \
    -cp "$LIB/kafka/*" kafka.Kafka "$dir/server.properties" >>"$LOGS/kafka.log" 2>&1 &
  echo $! >"$PIDS/kafka.pid"
  wait_for kafka 60 port_open "$OKTIONEER_KAFKA_PORT"
  wait_for kafka 60 kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$OKTIONEER_KAFKA_PORT" --list
}

kafka_url() { echo "127.0.0.1:$OKTIONEER_KAFKA_PORT"; }
