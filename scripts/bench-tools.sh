#!/usr/bin/env bash
# Installs the programs make bench compares against or drives, from Debian's packages, when they are missing:
# wrk (HTTP load), pgbench (the same queries as raw SQL) and libvips (image processing). Needs root (or sudo).
set -euo pipefail

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v pgbench >/dev/null 2>&1 || missing+=(postgresql)
command -v vipsthumbnail >/dev/null 2>&1 || missing+=(libvips-tools)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
# On Debian, pgbench comes with the server package (postgresql); the benchmark starts its own server, not that one.
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
