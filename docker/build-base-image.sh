#!/usr/bin/env bash
# Makes a Java 17 runtime base image from Debian packages, for machines that cannot pull from a registry:
#   sudo docker/build-base-image.sh [TAG]            (default TAG: release-watch-base:17-jre)
# debootstrap installs a minimal Debian bookworm with openjdk-17-jre-headless, ca-certificates and curl (the
# HEALTHCHECK uses curl) into a temporary directory; `docker import` turns that directory into an image. Needs root
# (debootstrap), a running Docker engine, and the Debian mirror (DEBIAN_MIRROR, default http://deb.debian.org/debian).
# Then build the monitor's image on it:  docker/build-image.sh  (passes BASE_IMAGE=TAG to docker/Dockerfile).
# Measured on a 2-core VM: about 40-70 s, most of it downloading and unpacking the packages; image about 300 MB.
set -euo pipefail

tag="${1:-release-watch-base:17-jre}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite="${DEBIAN_SUITE:-bookworm}"

if [ "$(id -u)" != 0 ]; then
  echo "build-base-image.sh: debootstrap needs root; run it as root (or with sudo)" >&2
  exit 1
fi
for tool in debootstrap docker tar; do
  command -v "$tool" >/dev/null || {
    echo "build-base-image.sh: $tool not found (Debian: apt-get install debootstrap docker.io)" >&2
    exit 1
  }
done
docker info >/dev/null 2>&1 || {
  echo "build-base-image.sh: the Docker engine does not answer ('docker info' fails); start dockerd first" >&2
  exit 1
}

rootfs="$(mktemp -d "${TMPDIR:-/tmp}/release-watch-base.XXXXXX")"
trap 'rm -rf "$rootfs"' EXIT

start=$(date +%s)
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates,curl \
  "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || {
  echo "build-base-image.sh: debootstrap failed; its last lines:" >&2
  tail -20 "$rootfs.log" >&2
  rm -f "$rootfs.log"
  exit 1
}
rm -f "$rootfs.log"
# what an image does not need: downloaded packages, package lists, documentation, locales
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
tar -C "$rootfs" --numeric-owner -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["java", "-version"]' \
  - "$tag" >/dev/null
# the JRE must answer (checked in Docker: java fails in a bare chroot, where proc is not mounted)
docker run --rm "$tag" java -version 2>&1 | head -1
echo "build-base-image.sh: $tag built in $(( $(date +%s) - start )) s ($(docker image inspect -f '{{.Size}}' "$tag" \
  | awk '{printf "%d MB", $1 / 1000000}'))"
