#!/usr/bin/env bash
# Uploads the frontend (frontend/: HTML, CSS, ES modules; no build step) to one environment's frontend bucket and
# invalidates CloudFront's copies:
#
#   terraform/scripts/deploy-frontend.sh ENV        e.g.  terraform/scripts/deploy-frontend.sh dev
#
# The files have no content hash in their names (there is no bundler), so every file is served with
# "Cache-Control: no-cache": browsers and CloudFront keep it but revalidate it (ETag) before each use, and a deploy
# reaches everyone at once. The bucket and distribution are the platform stack's outputs.
#
# Needs: the AWS CLI with credentials for the environment's account, Terraform >= 1.11.
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
for tool in aws terraform; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

terraform -chdir="$PLATFORM" init -input=false -reconfigure -backend-config="env/$ENV.backend.hcl" >/dev/null
BUCKET=$(terraform -chdir="$PLATFORM" output -raw frontend_bucket_name)
DISTRIBUTION=$(terraform -chdir="$PLATFORM" output -raw cloudfront_distribution_id)
REGION=$(sed -n 's/^[[:space:]]*aws_region[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$PLATFORM/env/$ENV.tfvars")
export AWS_REGION=${REGION:-$AWS_REGION}

# Only what the site serves: not the browser tests, their packages or their results. Content types from the
# extension (the CLI's table knows .html, .css, .js, .svg, .png); --delete drops files the site no longer has.
aws s3 sync "$ROOT/frontend" "s3://$BUCKET" --delete \
  --exclude '*' --include '*.html' --include '*.css' --include 'js/*' --include '*.svg' --include '*.png' \
  --exclude 'tests/*' --exclude 'test-results/*' --exclude 'node_modules/*' \
  --cache-control 'no-cache'
aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION" --paths '/*' --query Invalidation.Id \
  --output text
echo "deploy-frontend: $ENV <- frontend/ ($BUCKET, distribution $DISTRIBUTION)"
