#!/usr/bin/env bash
# Builds one service's image, pushes it to the service's ECR repository and deploys it to one environment:
#
#   terraform/scripts/deploy.sh SERVICE ENV        e.g.  terraform/scripts/deploy.sh user-service dev
#
# The image is tagged with the git revision and deployed by digest. Applying the service stack first runs the schema
# migration function with the new image, then switches the API function to it (see terraform/README.md).
#
# Needs: git, Maven with a JDK 21+ (JAVA_HOME), the AWS CLI with credentials for the environment's account, Terraform
# >= 1.11, and Docker: the image's AOT cache is made by the image's own JVM in a training run (see
# services/containers/train-archive.sh). Jib pushes with the ECR credential helper (docker-credential-ecr-login) or
# Docker's login.
#
# Environment:
#   AUTO_APPROVE=1  apply without Terraform's confirmation prompt (CI)
#   SKIP_TESTS=1    build without running the tests (they ran in CI for this revision)
#   ALLOW_DIRTY=1   deploy uncommitted changes (dev only): the tag gets a -dirty-<timestamp> suffix
#   MVN             Maven command (default: mvn)
set -euo pipefail

die() {
  echo "deploy: $*" >&2
  exit 1
}

[ $# -eq 2 ] || die "usage: $0 SERVICE ENV"
SERVICE=$1
ENV=$2

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STACK="$ROOT/terraform/stacks/$SERVICE"
if [ "$SERVICE" = platform ] || [ ! -d "$STACK" ]; then
  die "unknown service '$SERVICE' (no terraform/stacks/$SERVICE)"
fi
if [ ! -f "$STACK/env/$ENV.tfvars" ] || [ ! -f "$STACK/env/$ENV.backend.hcl" ]; then
  die "no environment '$ENV' for $SERVICE"
fi
[ -f "$ROOT/$SERVICE/pom.xml" ] || die "no Maven module $SERVICE/"
for tool in git aws terraform docker "${MVN:-mvn}"; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

# The region the environment lives in, from its variable file.
REGION=$(sed -n 's/^[[:space:]]*aws_region[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$STACK/env/$ENV.tfvars")
[ -n "$REGION" ] || die "aws_region not found in env/$ENV.tfvars"
export AWS_REGION=$REGION

# The repository is created by the platform stack and published with its other outputs.
REPOSITORY_URL=$(aws ssm get-parameter --name "/cloud-gallery/$ENV/platform/services/$SERVICE/repository_url" \
  --query Parameter.Value --output text) || die "platform of '$ENV' not found: apply terraform/stacks/platform first"
REGISTRY=${REPOSITORY_URL%%/*}
REPOSITORY_NAME=${REPOSITORY_URL#*/}

REVISION=$(git -C "$ROOT" rev-parse --short=12 HEAD)
if [ -n "$(git -C "$ROOT" status --porcelain)" ]; then
  [ "${ALLOW_DIRTY:-0}" = 1 ] || die "uncommitted changes: commit them (or ALLOW_DIRTY=1 for a one-off dev deploy)"
  [ "$ENV" != prod ] || die "refusing to deploy uncommitted changes to prod"
  TAG="$REVISION-dirty-$(date -u +%Y%m%d%H%M%S)"
else
  TAG=$REVISION
fi

# Tags are immutable: a revision that was pushed already is deployed as it is, not rebuilt.
DIGEST=$(aws ecr describe-images --repository-name "$REPOSITORY_NAME" --image-ids "imageTag=$TAG" \
  --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true)
if [[ $DIGEST == sha256:* ]]; then
  echo "deploy: $REPOSITORY_URL:$TAG exists already ($DIGEST)"
else
  if command -v docker-credential-ecr-login >/dev/null; then
    CREDENTIALS=(-Djib.to.credHelper=ecr-login)
  else
    aws ecr get-login-password | docker login --username AWS --password-stdin "$REGISTRY"
    CREDENTIALS=()
  fi
  TEST_FLAGS=()
  [ "${SKIP_TESTS:-0}" = 1 ] && TEST_FLAGS=(-DskipTests)

  # Two steps so that Jib runs on the service alone, not on the libraries -am brings into the reactor. The first
  # (-Pimages) also makes the class-data archive, on the production base, which jib:build then adds.
  (cd "$ROOT" && "${MVN:-mvn}" -B -pl "$SERVICE" -am install -Pimages ${TEST_FLAGS[@]+"${TEST_FLAGS[@]}"})
  rm -f "$ROOT/$SERVICE/target/jib-image.digest"
  (cd "$ROOT" && "${MVN:-mvn}" -B -pl "$SERVICE" jib:build -Djib.to.image="$REPOSITORY_URL:$TAG" -Dimage.revision="$REVISION" ${CREDENTIALS[@]+"${CREDENTIALS[@]}"})
  DIGEST=$(cat "$ROOT/$SERVICE/target/jib-image.digest")
fi
[[ $DIGEST =~ ^sha256:[0-9a-f]{64}$ ]] || die "unexpected image digest '$DIGEST'"
echo "deploy: $SERVICE $ENV <- $REPOSITORY_URL:$TAG@$DIGEST"

APPROVE=()
[ "${AUTO_APPROVE:-0}" = 1 ] && APPROVE=(-auto-approve)
terraform -chdir="$STACK" init -input=false -reconfigure -backend-config="env/$ENV.backend.hcl"
terraform -chdir="$STACK" apply -input=false -var-file="env/$ENV.tfvars" -var "image_digest=$DIGEST" ${APPROVE[@]+"${APPROVE[@]}"}
