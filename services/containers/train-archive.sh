#!/usr/bin/env bash
# Makes a service image's start-up archive with the image's own JVM: loads the image Jib built without it, runs the
# platform's TrainingRun in it (the real Lambda runtime client and the service's handler, offline) with the image's
# own entrypoint flags, and leaves the archive in OUT_DIR.
#
# The run has a database: a throwaway PostgreSQL (POSTGRES_IMAGE, default postgres:17) on a Docker network of its own
# without outside access, its schema made by the image's own MigrateHandler. So the driver's classes, the login and
# the first queries are in the archive too: without them the first connection of a cold start loaded and linked some
# 250 classes from the jars (make bench measures the difference).
#
#   aot: the JDK's AOT cache (JEP 483/514, JDK 25+: the classes of init and the first requests, loaded and
#        linked), written by -XX:AOTCacheOutput as OUT_DIR/app.aot; the service's final Jib build adds it as
#        /app/cds/app.aot, which the entrypoint names. This is what images ship: it starts faster than AppCDS
#        (make bench measures both).
#   cds: an AppCDS dynamic archive (-XX:ArchiveClassesAtExit) as OUT_DIR/app.jsa, for make bench's comparison.
#
# Either is only valid for the same JVM and the same jars, which is why the final image is built on the same base,
# from the same (reproducible) layers.
#
#   train-archive.sh aot|cds IMAGE_TAR HANDLER OUT_DIR
set -euo pipefail

[ $# -eq 4 ] || { echo "usage: $0 aot|cds IMAGE_TAR HANDLER OUT_DIR" >&2; exit 2; }
kind=$1 image_tar=$2 handler=$3 out=$4
case $kind in
  aot) archive=app.aot train_flag=-XX:AOTCacheOutput=/cds/app.aot ;;
  cds) archive=app.jsa train_flag=-XX:ArchiveClassesAtExit=/cds/app.jsa ;;
  *) echo "train-archive: unknown kind '$kind' (aot or cds)" >&2; exit 2 ;;
esac
# Beside OUT_DIR, not in it: everything in OUT_DIR goes into the image.
log=$(dirname "$out")/$kind-training.log

docker info >/dev/null 2>&1 || { echo "train-archive: no Docker engine answers; the archive needs the image's own JVM" >&2; exit 1; }

image=$(docker load -q -i "$image_tar" | sed -n 's/^Loaded image: //p' | tail -n 1)
[ -n "$image" ] || { echo "train-archive: could not load $image_tar" >&2; exit 1; }
# Named, so that an interrupted build leaves none of them behind: the containers first (with their volumes), then
# their network and the image.
run_id=cg-training-$$-$RANDOM
database=$run_id-postgres
trap 'docker rm -fv "$run_id-migration" "$run_id-training" "$database" >/dev/null 2>&1 || true
      docker network rm "$run_id" >/dev/null 2>&1 || true; docker rmi -f "$image" >/dev/null 2>&1 || true' EXIT

# The entrypoint's JVM flags, minus the archive it names (the one about to be made), and minus the runtime client's
# main class (the last element): TrainingRun calls that itself.
mapfile -t entrypoint < <(docker image inspect -f '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$image" | sed '/^$/d')
[ "${entrypoint[0]}" = java ] || { echo "train-archive: unexpected entrypoint: ${entrypoint[*]}" >&2; exit 1; }
flags=()
for arg in "${entrypoint[@]:1:${#entrypoint[@]}-2}"; do
  case $arg in -XX:AOTCache=*|-XX:SharedArchiveFile=*) ;; *) flags+=("$arg") ;; esac
done

mkdir -p "$out"
# Both kinds: everything in OUT_DIR goes into the image, an archive of the other kind from an earlier build too.
rm -f "$out/app.aot" "$out/app.jsa"
# The image's user (uid 1000) writes the archive.
chmod 0777 "$out"

# The database of the run, on an internal network: nothing else is reachable from it.
docker network create --internal "$run_id" >/dev/null
docker run -d --name "$database" --network "$run_id" -e POSTGRES_PASSWORD=training "${POSTGRES_IMAGE:-postgres:17}" \
  >/dev/null
for _ in $(seq 1 120); do
  docker exec "$database" pg_isready -q -h 127.0.0.1 -U postgres && break
  sleep 0.5
done
docker exec "$database" pg_isready -q -h 127.0.0.1 -U postgres \
  || { echo "train-archive: the training database did not start:" >&2; docker logs "$database" 2>&1 | tail -n 20 >&2; exit 1; }
database_settings=(-e DB_URL="jdbc:postgresql://$database:5432/postgres" -e DB_SECRET_ARN=
                   -e DB_USERNAME=training -e DB_PASSWORD=training)
docker run --rm --name "$run_id-migration" --network "$run_id" "${database_settings[@]}" -e DB_ADMIN_SECRET_ARN= -e DB_ADMIN_USERNAME=postgres \
  -e DB_ADMIN_PASSWORD=training --entrypoint java "$image" -cp @/app/jib-classpath-file \
  dev.cloudgallery.platform.db.MigrateHandler > "$log" 2>&1 \
  || { echo "train-archive: migrating the training database failed:" >&2; tail -n 40 "$log" >&2; exit 1; }

# Dummy settings for everything but the database: nothing else is reachable, which the services survive at init, as
# they must in AWS.
docker run --rm --name "$run_id-training" --network "$run_id" -v "$(cd "$out" && pwd):/cds" \
  -e AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001 -e AWS_REGION=us-east-1 -e AWS_LAMBDA_FUNCTION_NAME=training \
  -e AWS_LAMBDA_FUNCTION_MEMORY_SIZE=1024 -e AWS_LAMBDA_FUNCTION_VERSION='$LATEST' -e _HANDLER="$handler" \
  "${database_settings[@]}" \
  -e AUTH_ISSUER=http://127.0.0.1:9001/training -e AUTH_CLIENT_IDS=training -e ORIGIN_SECRET_ARN= -e ORIGIN_VALUES=training \
  -e IMAGES_BUCKET=training -e S3_ENDPOINT=http://127.0.0.1:9 -e SQS_ENDPOINT=http://127.0.0.1:9 \
  -e IMAGES_PROCESSING_QUEUE_URL=http://127.0.0.1:9/000000000000/training \
  -e GALLERY_EVENTS_QUEUE_URL=http://127.0.0.1:9/000000000000/training-events \
  -e MEDIA_BASE_URL= -e MEDIA_KEY_PAIR_ID= -e MEDIA_SIGNING_KEY_SECRET_ARN= -e SITE_URL=http://localhost \
  -e CURSOR_KEY_SECRET_ARN= -e CURSOR_KEY=training \
  -e COGNITO_USER_POOL_ID=training -e COGNITO_CLIENT_ID=training -e COGNITO_ENDPOINT=http://127.0.0.1:9 \
  --entrypoint java "$image" "${flags[@]}" "$train_flag" \
  dev.cloudgallery.platform.lambda.TrainingRun "$handler" >> "$log" 2>&1 \
  || { echo "train-archive: the training run failed:" >&2; tail -n 40 "$log" >&2; exit 1; }

[ -s "$out/$archive" ] || { echo "train-archive: no $archive written; see $log" >&2; exit 1; }
chmod 0755 "$out"
echo "train-archive: $(du -h "$out/$archive" | cut -f1) $kind archive for $handler"
