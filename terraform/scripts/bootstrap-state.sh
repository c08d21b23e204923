#!/usr/bin/env bash
# Creates the S3 bucket that holds the Terraform state of one environment (once per environment, before anything
# else). The bucket name and region are read from terraform/stacks/platform/env/ENV.backend.hcl, which every stack's
# backend file of that environment shares. Safe to run again.
#
#   terraform/scripts/bootstrap-state.sh ENV
#
# State locking uses S3 lock files (use_lockfile = true, Terraform >= 1.10): no DynamoDB table is needed.
set -euo pipefail

die() {
  echo "bootstrap-state: $*" >&2
  exit 1
}

[ $# -eq 1 ] || die "usage: $0 ENV"
ENV=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BACKEND="$ROOT/terraform/stacks/platform/env/$ENV.backend.hcl"
[ -f "$BACKEND" ] || die "no $BACKEND"
command -v aws >/dev/null || die "the AWS CLI is not installed"

value() {
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$BACKEND"
}
BUCKET=$(value bucket)
REGION=$(value region)
if [ -z "$BUCKET" ] || [ -z "$REGION" ]; then
  die "bucket or region missing in $BACKEND"
fi
export AWS_REGION=$REGION

if aws s3api head-bucket --bucket "$BUCKET" 2>/dev/null; then
  echo "bootstrap-state: bucket $BUCKET exists; making sure it is configured"
elif [ "$REGION" = us-east-1 ]; then
  aws s3api create-bucket --bucket "$BUCKET"
else
  aws s3api create-bucket --bucket "$BUCKET" --create-bucket-configuration "LocationConstraint=$REGION"
fi

aws s3api put-public-access-block --bucket "$BUCKET" --public-access-block-configuration \
  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
aws s3api put-bucket-ownership-controls --bucket "$BUCKET" \
  --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'
# Versioning keeps every earlier state: the way back from a corrupted or wrongly applied state.
aws s3api put-bucket-versioning --bucket "$BUCKET" --versioning-configuration Status=Enabled
aws s3api put-bucket-encryption --bucket "$BUCKET" --server-side-encryption-configuration \
  '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'
aws s3api put-bucket-policy --bucket "$BUCKET" --policy "$(cat <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "DenyInsecureTransport",
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": ["arn:aws:s3:::$BUCKET", "arn:aws:s3:::$BUCKET/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}}
  }]
}
POLICY
)"
echo "bootstrap-state: s3://$BUCKET ($REGION) is ready"
