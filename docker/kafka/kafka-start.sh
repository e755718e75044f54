#!/bin/sh
# Formats the storage on first start and runs a combined broker + controller (one node, internal topics with one
# replica, so exactly_once_v2 works). Clients connect on 9092; the address advertised for it is $KAFKA_ADVERTISED
# (host:port), or else the first line of /tmp/kafka-advertised, waited for (Testcontainers writes it once the mapped
# port is known). $KAFKA_HOST_ADVERTISED (e.g. localhost:29092) adds a listener on 29092 for clients outside a compose
# network. $KAFKA_HEAP_OPTS sets the heap (default -Xmx512m).
set -eu
advertised="${KAFKA_ADVERTISED:-}"
while [ -z "$advertised" ]; do
  if [ -s /tmp/kafka-advertised ]; then advertised="$(head -n 1 /tmp/kafka-advertised)"; else sleep 0.1; fi
done
# BROKER: the broker's requests to itself (e.g. verifying a partition was added to a transaction) stay inside the
# container; the PLAINTEXT address is often a port mapped on the host, which does not exist in here
listeners="PLAINTEXT://0.0.0.0:9092,BROKER://localhost:9094,CONTROLLER://localhost:9093"
advertised_listeners="PLAINTEXT://$advertised,BROKER://localhost:9094"
protocols="PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT"
if [ -n "${KAFKA_HOST_ADVERTISED:-}" ]; then
  listeners="$listeners,HOST://0.0.0.0:29092"
  advertised_listeners="$advertised_listeners,HOST://$KAFKA_HOST_ADVERTISED"
  protocols="$protocols,HOST:PLAINTEXT"
fi
cat > /var/lib/kafka/server.properties <<PROPS
process.roles=broker,controller
node.id=1
listeners=$listeners
advertised.listeners=$advertised_listeners
inter.broker.listener.name=BROKER
controller.listener.names=CONTROLLER
listener.security.protocol.map=$protocols
controller.quorum.bootstrap.servers=localhost:9093
log.dirs=/var/lib/kafka/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=2097152
auto.create.topics.enable=false
PROPS
cp=/opt/kafka/lib/'*'
logging="-Dlogback.configurationFile=/opt/kafka/logback.xml"
# --ignore-formatted: a restart on the same volume keeps its data
java $logging -cp "$cp" kafka.tools.StorageTool format --standalone --ignore-formatted \
  -t "${KAFKA_CLUSTER_ID:-MkU3OEVBNTcwNTJENDM2Qg}" -c /var/lib/kafka/server.properties
exec java ${KAFKA_HEAP_OPTS:--Xmx512m} -XX:+UseG1GC -Djava.awt.headless=true $logging -cp "$cp" \
  kafka.Kafka /var/lib/kafka/server.properties
