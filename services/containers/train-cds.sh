#!/usr/bin/env bash
# Makes a service image's class-data archive (AppCDS) with the image's own JVM: loads the image Jib built without
# the archive, runs the platform's TrainingRun in it (the real Lambda runtime client and the service's handler,
# offline) with the image's own entrypoint flags plus -XX:ArchiveClassesAtExit, and leaves the archive in OUT_DIR,
# which the service's final Jib build adds as /app/cds/app.jsa. The archive is only valid for the same JVM and the
# same jars, which is why the final image is built on the same base, from the same (reproducible) layers.
#
#   train-cds.sh IMAGE_TAR HANDLER OUT_DIR
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 IMAGE_TAR HANDLER OUT_DIR" >&2; exit 2; }
image_tar=$1 handler=$2 out=$3
archive_flag=-XX:SharedArchiveFile=/app/cds/app.jsa
# Beside OUT_DIR, not in it: everything in OUT_DIR goes into the image.
log=$(dirname "$out")/cds-training.log

docker info >/dev/null 2>&1 || { echo "train-cds: no Docker engine answers; the archive needs the image's own JVM" >&2; exit 1; }

image=$(docker load -q -i "$image_tar" | sed -n 's/^Loaded image: //p' | tail -n 1)
[ -n "$image" ] || { echo "train-cds: could not load $image_tar" >&2; exit 1; }
trap 'docker rmi -f "$image" >/dev/null 2>&1 || true' EXIT

# The entrypoint's JVM flags, minus the archive it is about to make, and minus the runtime client's main class
# (the last element): TrainingRun calls that itself.
mapfile -t entrypoint < <(docker image inspect -f '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$image" | sed '/^$/d')
[ "${entrypoint[0]}" = java ] || { echo "train-cds: unexpected entrypoint: ${entrypoint[*]}" >&2; exit 1; }
flags=()
for arg in "${entrypoint[@]:1:${#entrypoint[@]}-2}"; do
  [ "$arg" = "$archive_flag" ] || flags+=("$arg")
done

mkdir -p "$out"
rm -f "$out/app.jsa"
# The image's user (uid 1000) writes the archive.
chmod 0777 "$out"

# Dummy settings: nothing is reachable (no network), which the services survive at init, as they must in AWS.
docker run --rm --network none -v "$(cd "$out" && pwd):/cds" \
  -e AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001 -e AWS_REGION=us-east-1 -e AWS_LAMBDA_FUNCTION_NAME=training \
  -e AWS_LAMBDA_FUNCTION_MEMORY_SIZE=1024 -e AWS_LAMBDA_FUNCTION_VERSION='$LATEST' -e _HANDLER="$handler" \
  -e DB_URL=jdbc:postgresql://127.0.0.1:9/training -e DB_SECRET_ARN= -e DB_USERNAME=training -e DB_PASSWORD=training \
  -e AUTH_ISSUER=http://127.0.0.1:9001/training -e AUTH_CLIENT_IDS=training -e ORIGIN_SECRET_ARN= -e ORIGIN_VALUES=training \
  -e IMAGES_BUCKET=training -e S3_ENDPOINT=http://127.0.0.1:9 -e SQS_ENDPOINT=http://127.0.0.1:9 \
  -e IMAGES_PROCESSING_QUEUE_URL=http://127.0.0.1:9/000000000000/training \
  -e GALLERY_EVENTS_QUEUE_URL=http://127.0.0.1:9/000000000000/training-events \
  -e MEDIA_BASE_URL= -e MEDIA_KEY_PAIR_ID= -e MEDIA_SIGNING_KEY_SECRET_ARN= -e SITE_URL=http://localhost \
  -e CURSOR_KEY_SECRET_ARN= -e CURSOR_KEY=training \
  -e COGNITO_USER_POOL_ID=training -e COGNITO_CLIENT_ID=training -e COGNITO_ENDPOINT=http://127.0.0.1:9 \
  --entrypoint java "$image" "${flags[@]}" -XX:ArchiveClassesAtExit=/cds/app.jsa \
  dev.cloudgallery.platform.lambda.TrainingRun "$handler" > "$log" 2>&1 \
  || { echo "train-cds: the training run failed:" >&2; tail -n 40 "$log" >&2; exit 1; }

[ -s "$out/app.jsa" ] || { echo "train-cds: no archive written; see $log" >&2; exit 1; }
chmod 0755 "$out"
echo "train-cds: $(du -h "$out/app.jsa" | cut -f1) archive for $handler"
