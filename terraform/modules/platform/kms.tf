# One customer-managed key per kind of data, so that each role gets decrypt rights on exactly the data it handles.
# The frontend and images keys are defined apart because their policies name the CloudFront distribution (see below).
locals {
  kms_keys = {
    database  = "Cloud Gallery ${var.environment}: Aurora storage and Performance Insights"
    secrets   = "Cloud Gallery ${var.environment}: Secrets Manager (database credentials, API origin secret)"
    messaging = "Cloud Gallery ${var.environment}: SQS queues and the alarm SNS topic"
    logs      = "Cloud Gallery ${var.environment}: CloudWatch Logs log groups"
  }
}

# Account root gets full control, so access is governed by IAM policies in this account (the AWS default key policy);
# the statements below add the AWS service principals that use a key on their own behalf.
data "aws_iam_policy_document" "kms" {
  for_each = local.kms_keys

  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  # CloudWatch Logs encrypts log groups with the key itself, scoped to this account's log groups.
  dynamic "statement" {
    for_each = each.key == "logs" ? [1] : []

    content {
      sid = "CloudWatchLogs"
      actions = [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:DescribeKey",
      ]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["logs.${local.region}.amazonaws.com"]
      }

      condition {
        test     = "ArnLike"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
      }
    }
  }

  # CloudWatch alarms publish to the encrypted alarm topic.
  dynamic "statement" {
    for_each = each.key == "messaging" ? [1] : []

    content {
      sid       = "CloudWatchAlarmsToSns"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudwatch.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  for_each = local.kms_keys

  description             = each.value
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = data.aws_iam_policy_document.kms[each.key].json
}

resource "aws_kms_alias" "this" {
  for_each = local.kms_keys

  name          = "alias/${local.name}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}

# CloudFront reads the frontend objects, and the images bucket's renditions (media.tf), through Origin Access Control
# and must decrypt them; the grant is limited to this distribution. These keys depend on the distribution (not the
# other way round), which keeps the graph acyclic; that is why they are not among kms_keys, whose policies the
# distribution's own dependencies (the origin secret's key) share.
data "aws_iam_policy_document" "kms_cloudfront" {
  for_each = toset(["frontend", "images"])

  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudFrontDecrypts"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

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

resource "aws_kms_key" "frontend" {
  description             = "Cloud Gallery ${var.environment}: frontend bucket"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = data.aws_iam_policy_document.kms_cloudfront["frontend"].json
}

resource "aws_kms_alias" "frontend" {
  name          = "alias/${local.name}-frontend"
  target_key_id = aws_kms_key.frontend.key_id
}

resource "aws_kms_key" "images" {
  description             = "Cloud Gallery ${var.environment}: images bucket (uploads and renditions)"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = data.aws_iam_policy_document.kms_cloudfront["images"].json
}

resource "aws_kms_alias" "images" {
  name          = "alias/${local.name}-images"
  target_key_id = aws_kms_key.images.key_id
}

# The images key used to be one of kms_keys; the key, and everything encrypted with it, stays.
moved {
  from = aws_kms_key.this["images"]
  to   = aws_kms_key.images
}

moved {
  from = aws_kms_alias.this["images"]
  to   = aws_kms_alias.images
}
