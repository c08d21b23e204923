#!/usr/bin/env bash
# Uploads the frontend (frontend/: HTML, CSS, ES modules) to one environment's frontend bucket and invalidates
# CloudFront's copy of index.html:
#
#   terraform/scripts/deploy-frontend.sh ENV        e.g.  terraform/scripts/deploy-frontend.sh dev
#
# It deploys the release copy (frontend/tools/release.js): every file but index.html is named after its content,
# so those are cached for a year ("immutable"), while index.html, which names them, is revalidated on every visit
# ("no-cache", by ETag). The hashed files go first and old ones stay, so no page, new or still open, ever asks for a
# file that is not there. The bucket and distribution are the platform stack's outputs.
#
# Needs: Node.js 20+, the AWS CLI with credentials for the environment's account, Terraform >= 1.11.
set -euo pipefail

die() {
  echo "deploy-frontend: $*" >&2
  exit 1
}

[ $# -eq 1 ] || die "usage: $0 ENV"
ENV=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PLATFORM="$ROOT/terraform/stacks/platform"
[ -f "$PLATFORM/env/$ENV.backend.hcl" ] || die "no environment '$ENV'"
for tool in node aws terraform; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

terraform -chdir="$PLATFORM" init -input=false -reconfigure -backend-config="env/$ENV.backend.hcl" >/dev/null
BUCKET=$(terraform -chdir="$PLATFORM" output -raw frontend_bucket_name)
DISTRIBUTION=$(terraform -chdir="$PLATFORM" output -raw cloudfront_distribution_id)
REGION=$(sed -n 's/^[[:space:]]*aws_region[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$PLATFORM/env/$ENV.tfvars")
export AWS_REGION=${REGION:-${AWS_REGION:-}}

SITE=$(mktemp -d)
trap 'rm -rf "$SITE"' EXIT
node "$ROOT/frontend/tools/release.js" "$SITE"
aws s3 sync "$SITE" "s3://$BUCKET" --exclude index.html --cache-control 'public, max-age=31536000, immutable'
aws s3 cp "$SITE/index.html" "s3://$BUCKET/index.html" --content-type 'text/html; charset=utf-8' \
  --cache-control 'no-cache'
# Only index.html can be stale at the edge (every app path is served as /index.html); the other names are new.
aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION" --paths '/index.html' --query Invalidation.Id \
  --output text
echo "deploy-frontend: $ENV <- frontend/ release ($BUCKET, distribution $DISTRIBUTION)"
