#!/usr/bin/env bash
# Makes sure a Docker engine answers and `docker compose` works, installing Debian's packages when needed.
# Safe to run again: it only acts on what is missing. Runs as root, without systemd (CI, throwaway machines).
#
# Environment:
#   DOCKER_ENGINE_STATE_DIR  where dockerd's log goes (default /var/log/cloud-gallery)
#   DOCKER_ENGINE_TIMEOUT    seconds to wait for the daemon to answer (default 90)
set -euo pipefail

STATE_DIR=${DOCKER_ENGINE_STATE_DIR:-/var/log/cloud-gallery}
TIMEOUT=${DOCKER_ENGINE_TIMEOUT:-90}
LOG="$STATE_DIR/dockerd.log"
# The docker CLI looks here for plugins on Linux, whichever CLI build is first on PATH.
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins

say() { echo "docker-engine: $*"; }
die() { echo "docker-engine: ERROR: $*" >&2; exit 1; }

APT_UPDATED=
apt_install() {
  [ "$(id -u)" = 0 ] || die "need root to install $* (or install it yourself)"
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    apt-get update -qq
    APT_UPDATED=1
  fi
  say "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

engine_answers() { docker info >/dev/null 2>&1; }

dockerd_pid() {
  local pid
  pid=$(cat /var/run/docker.pid 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

ensure_engine() {
  if engine_answers; then
    say "engine already answering (server $(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    return
  fi

  if ! command -v dockerd >/dev/null 2>&1; then
    # docker.io brings dockerd, containerd and runc. A docker CLI that is already on PATH (a static build, say)
    # stays first there and talks to this daemon by negotiating the API version down.
    apt_install docker.io
  fi
  command -v docker >/dev/null 2>&1 || die "no docker CLI on PATH after installing docker.io"

  local pid
  pid=$(dockerd_pid)
  if [ -n "$pid" ]; then
    say "dockerd already running (pid $pid), waiting for it to answer"
  else
    [ "$(id -u)" = 0 ] || die "dockerd is not running and only root can start it"
    mkdir -p "$STATE_DIR"
    # Without systemd nobody supervises the daemon: detach it from this shell so it outlives the script.
    setsid nohup dockerd >>"$LOG" 2>&1 </dev/null &
    say "started dockerd (pid $!), log: $LOG"
  fi

  local waited=0
  until engine_answers; do
    if [ -z "$(dockerd_pid)" ] && [ "$waited" -ge 5 ]; then
      tail -n 30 "$LOG" >&2 2>/dev/null || true
      die "dockerd exited before answering; see $LOG"
    fi
    if [ "$waited" -ge "$TIMEOUT" ]; then
      tail -n 30 "$LOG" >&2 2>/dev/null || true
      die "dockerd did not answer within ${TIMEOUT}s; see $LOG"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "engine answering after ${waited}s (client $(docker version --format '{{.Client.Version}}'), server $(docker version --format '{{.Server.Version}}'))"
}

ensure_compose() {
  if docker compose version >/dev/null 2>&1; then
    say "docker compose available: $(docker compose version 2>/dev/null | head -n 1)"
    return
  fi
  # Debian bookworm ships Compose v1 only (docker-compose 1.29); the v2 plugin is not packaged there.
  command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
  mkdir -p "$PLUGIN_DIR"
  # A CLI plugin that hands `docker compose ...` to docker-compose, so scripts and docs can use the v2 spelling.
  cat >"$PLUGIN_DIR/docker-compose" <<'PLUGIN'
#!/bin/sh
# Lets `docker compose ...` run Compose v1 (docker-compose) where no v2 plugin is packaged.
if [ "$1" = docker-cli-plugin-metadata ]; then
  printf '{"SchemaVersion":"0.1.0","Vendor":"Cloud Gallery","Version":"%s","ShortDescription":"Docker Compose v1 (docker-compose)"}\n' \
    "$(docker-compose version --short 2>/dev/null)"
  exit 0
fi
[ "$1" = compose ] && shift
exec docker-compose "$@"
PLUGIN
  chmod 755 "$PLUGIN_DIR/docker-compose"
  docker compose version >/dev/null 2>&1 || die "docker compose still fails after installing docker-compose"
  say "docker compose available through docker-compose $(docker-compose version --short)"
}

ensure_engine
ensure_compose
