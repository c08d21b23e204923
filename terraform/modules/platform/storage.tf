# Two private buckets. Names carry the account id because bucket names are global.
locals {
  buckets = {
    frontend = "${local.name}-frontend-${local.account_id}"
    images   = "${local.name}-images-${local.account_id}"
  }
  # What CloudFront may read of each bucket it serves.
  cloudfront_reads = {
    frontend = "*"
    images   = "derivatives/*"
  }
  bucket_kms_key_arns = {
    frontend = aws_kms_key.frontend.arn
    images   = aws_kms_key.images.arn
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket = each.value
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = aws_s3_bucket.this

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ACLs disabled: the bucket owner owns every object, whoever uploaded it (browsers upload images with presigned POSTs).
resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.bucket_kms_key_arns[each.key]
    }
    # S3 Bucket Keys cut the KMS requests (and their cost and throttling) per object operation.
    bucket_key_enabled = true
  }
}

# Versioning protects against overwrites and deletes by mistake (a bad frontend release, a buggy worker).
resource "aws_s3_bucket_versioning" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  rule {
    id     = "expire-old-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }

    # Remove delete markers once no older version is left behind them.
    expiration {
      expired_object_delete_marker = true
    }
  }

  # Stale uploads: the worker deletes an upload once it is processed or rejected, and its sweep processes or drops
  # every grant within the service's pending TTL, so whatever is still under originals/ days later is garbage (an
  # upload with a grant re-used after processing, or one whose outcome the worker failed to record).
  dynamic "rule" {
    for_each = each.key == "images" ? [1] : []

    content {
      id     = "expire-stale-uploads"
      status = "Enabled"

      filter {
        prefix = "originals/"
      }

      expiration {
        days = var.pending_upload_expiration_days
      }
    }
  }

  # Lifecycle rules on noncurrent versions need versioning to be configured first.
  depends_on = [aws_s3_bucket_versioning.this]
}

# Browsers upload straight to the images bucket and read images through short-lived URLs: only the site's origin may.
resource "aws_s3_bucket_cors_configuration" "images" {
  bucket = aws_s3_bucket.this["images"].id

  cors_rule {
    allowed_origins = [local.site_origin]
    allowed_methods = ["GET", "HEAD", "POST", "PUT"]
    allowed_headers = ["Content-Type", "Content-MD5", "x-amz-*"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }
}

data "aws_iam_policy_document" "bucket" {
  for_each = aws_s3_bucket.this

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [each.value.arn, "${each.value.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # CloudFront reads (Origin Access Control), and only this distribution: the whole frontend, and the images bucket's
  # renditions, never its uploads under originals/, which may still carry the camera's GPS.
  dynamic "statement" {
    for_each = contains(keys(local.cloudfront_reads), each.key) ? [local.cloudfront_reads[each.key]] : []

    content {
      sid       = "CloudFrontReads"
      actions   = ["s3:GetObject"]
      resources = ["${each.value.arn}/${statement.value}"]

      principals {
        type        = "Service"
        identifiers = ["cloudfront.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "AWS:SourceArn"
        values   = [aws_cloudfront_distribution.this.arn]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  # A bucket policy is rejected while Block Public Access is still being applied; order them.
  depends_on = [aws_s3_bucket_public_access_block.this]
}
