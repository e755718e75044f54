#!/usr/bin/env bash
# Builds the release-watch image from the jar Maven built on the host:
#   ./mvnw -B package -DskipTests && docker/build-image.sh [TAG]          (default TAG: release-watch:<version>)
# BASE_IMAGE picks the Java 17 runtime to build on (default release-watch-base:17-jre). When that local default is
# missing it is made first by docker/build-base-image.sh (Debian packages, no registry; needs root). With registry
# access, BASE_IMAGE=eclipse-temurin:17-jre works as well.
# The build context is streamed as a tar holding only docker/Dockerfile and the jar, so the legacy builder (no
# BuildKit) does not send the whole repository either.
set -euo pipefail
cd "$(dirname "$0")/.."

base="${BASE_IMAGE:-release-watch-base:17-jre}"
shopt -s nullglob
jars=(target/release-watch-*.jar)
if [ "${#jars[@]}" -ne 1 ]; then
  echo "build-image.sh: expected exactly one target/release-watch-*.jar, found ${#jars[@]}:" \
    "run ./mvnw -B clean package -DskipTests first" >&2
  exit 1
fi
jar="${jars[0]}"
version="$(basename "$jar" .jar)"
version="${version#release-watch-}"
tag="${1:-release-watch:$version}"

docker info >/dev/null 2>&1 || {
  echo "build-image.sh: the Docker engine does not answer ('docker info' fails); start dockerd first" >&2
  exit 1
}
if ! docker image inspect "$base" >/dev/null 2>&1; then
  if [ "$base" = release-watch-base:17-jre ]; then
    echo "build-image.sh: $base is missing; making it from Debian packages (docker/build-base-image.sh)" >&2
    docker/build-base-image.sh "$base"
  else
    echo "build-image.sh: base image $base is not present locally (docker pull it, or leave BASE_IMAGE unset)" >&2
    exit 1
  fi
fi

start=$(date +%s)
tar -cf - docker/Dockerfile "$jar" | docker build -q -f docker/Dockerfile --build-arg "BASE_IMAGE=$base" -t "$tag" - \
  >/dev/null
echo "build-image.sh: $tag built on $base from $jar in $(( $(date +%s) - start )) s"
