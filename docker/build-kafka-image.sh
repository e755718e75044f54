#!/usr/bin/env bash
# Builds a single-node Kafka broker image from Kafka's jars on Maven Central, for when no registry image can be pulled:
#   docker/build-kafka-image.sh [TAG]                 (default TAG: release-watch-kafka:<Kafka version>)
# The jars are the project's runtime dependencies without the monitor's own libraries (Kafka's server, its Scala
# runtime, clients, logback), copied to target/kafka-lib by `./mvnw -B package -Pdocker`, or here with the Maven
# wrapper when that directory is missing. BASE_IMAGE as in docker/build-image.sh (default release-watch-base:17-jre).
set -euo pipefail
cd "$(dirname "$0")/.."

base="${BASE_IMAGE:-release-watch-base:17-jre}"
lib=target/kafka-lib
if ! ls "$lib"/kafka_2.13-*.jar >/dev/null 2>&1; then
  ./mvnw -B -q dependency:copy-dependencies -Pdocker -DoutputDirectory="$lib" \
    -DincludeScope=runtime -DexcludeArtifactIds=kafka-streams,rocksdbjni \
    -DexcludeGroupIds=org.eclipse.jetty,io.micrometer,info.picocli,org.apache.avro,org.latencyutils,io.prometheus
fi
kafka_jar="$(ls "$lib"/kafka_2.13-*.jar | head -n 1)"
version="$(basename "$kafka_jar" .jar)"
version="${version#kafka_2.13-}"
tag="${1:-release-watch-kafka:$version}"

docker info >/dev/null 2>&1 || {
  echo "build-kafka-image.sh: the Docker engine does not answer ('docker info' fails); start dockerd first" >&2
  exit 1
}
if ! docker image inspect "$base" >/dev/null 2>&1; then
  if [ "$base" = release-watch-base:17-jre ]; then
    docker/build-base-image.sh "$base"
  else
    echo "build-kafka-image.sh: base image $base is not present locally" >&2
    exit 1
  fi
fi

start=$(date +%s)
# context: the image's own files at the top, the jars under lib/
tar -cf - -C docker/kafka Dockerfile kafka-start.sh kafka-health.sh logback.xml \
  --transform 's,^target/kafka-lib,lib,' -C "$PWD" "$lib" \
  | docker build -q --build-arg "BASE_IMAGE=$base" -t "$tag" - >/dev/null
echo "build-kafka-image.sh: $tag built on $base from $(ls "$lib" | wc -l) jars in $(( $(date +%s) - start )) s"
