#!/usr/bin/env bash
# Removes what an earlier test run that was killed half-way may have left in the Docker engine: the containers the
# container tests start (Testcontainers labels them), the compose stacks they bring up (projects named cgtest*),
# with their networks and volumes, and an image build's training run (train-archive.sh, named cg-training-*). A run
# that ends normally removes its own; this makes the next run start clean.
set -euo pipefail

docker info >/dev/null 2>&1 || exit 0

label='{{.Label "com.docker.compose.project"}}'
ids=$(docker ps -aq --filter label=org.testcontainers=true)
[ -z "$ids" ] || docker rm -f $ids >/dev/null
ids=$(docker ps -aq --filter name=cg-training-)
[ -z "$ids" ] || docker rm -fv $ids >/dev/null
ids=$(docker network ls -q --filter name=cg-training-)
[ -z "$ids" ] || docker network rm $ids >/dev/null

projects=$({ docker ps -a --format "$label"; docker network ls --format "$label"; docker volume ls --format "$label"; } \
           | grep '^cgtest' | sort -u || true)
for project in $projects; do
  filter="label=com.docker.compose.project=$project"
  ids=$(docker ps -aq --filter "$filter")
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  ids=$(docker network ls -q --filter "$filter")
  [ -z "$ids" ] || docker network rm $ids >/dev/null
  ids=$(docker volume ls -q --filter "$filter")
  [ -z "$ids" ] || docker volume rm -f $ids >/dev/null
  echo "remove-test-leftovers: removed compose project $project"
done
