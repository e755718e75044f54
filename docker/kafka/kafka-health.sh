#!/bin/bash
# Healthy when the broker answers a Kafka ApiVersions request (v0, correlation id 1, no client id) on port 9092:
# an open port alone is not enough, the broker binds it before it serves requests. Needs bash (/dev/tcp).
exec 3<>/dev/tcp/localhost/9092 || exit 1
printf '\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x01\xff\xff' >&3
# the answer starts with its size (4 bytes) and our correlation id
answer="$(timeout 4 head -c 8 <&3 | od -An -tx1 | tr -d ' \n')"
[ "${answer:8:8}" = 00000001 ]
