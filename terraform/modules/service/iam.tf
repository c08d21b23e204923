# Two roles: the API function's (its own secret, the origin secret, queues and objects), which its worker function
# shares, and the migration function's (its own secret and the master secret). Nothing here uses wildcard actions; "*" resources appear only where AWS
# allows nothing narrower.

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# --- API function -----------------------------------------------------------------------------------------------------

resource "aws_iam_role" "api" {
  name               = local.function_name
  description        = "API function of ${var.name} (${var.environment})"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

data "aws_iam_policy_document" "api" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = concat(["${aws_cloudwatch_log_group.api.arn}:*"], [for group in aws_cloudwatch_log_group.worker : "${group.arn}:*"])
  }

  # Lambda manages the function's network interfaces with the execution role. EC2 does not support resource-level
  # permissions for the Describe actions, and the interfaces' ids are not known in advance.
  statement {
    sid = "ManageVpcNetworkInterfaces"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "ReadOwnDatabaseCredentials"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.db_secret_arn]
  }

  # The X-Origin-Verify values to accept; re-read while the secret rotates. Reading only: rotation is not the service's.
  statement {
    sid       = "ReadOriginSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.origin_secret_arn]
  }

  # Both secrets above are encrypted with the platform's secrets key. Decrypt works only through Secrets Manager, so
  # the GetSecretValue statements decide which secrets the role can read.
  statement {
    sid       = "DecryptReadableSecrets"
    actions   = ["kms:Decrypt"]
    resources = [var.secrets_kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }

  # Lambda polls the worker queues with the function's role.
  dynamic "statement" {
    for_each = length(var.event_sources) > 0 ? [1] : []

    content {
      sid = "ConsumeWorkerQueues"
      actions = [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueAttributes",
      ]
      resources = distinct([for source in var.event_sources : source.queue_arn])
    }
  }

  dynamic "statement" {
    for_each = length(var.event_sources) > 0 ? [1] : []

    content {
      sid       = "DecryptWorkerQueues"
      actions   = ["kms:Decrypt"]
      resources = distinct([for source in var.event_sources : source.kms_key_arn])

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["sqs.${local.region}.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = var.policy_statements

    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources

      dynamic "condition" {
        for_each = statement.value.conditions

        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role_policy" "api" {
  name   = "least-privilege"
  role   = aws_iam_role.api.id
  policy = data.aws_iam_policy_document.api.json
}

# --- migration function -----------------------------------------------------------------------------------------------

resource "aws_iam_role" "migration" {
  name               = local.migration_function_name
  description        = "Schema migration function of ${var.name} (${var.environment})"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

data "aws_iam_policy_document" "migration" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.migration.arn}:*"]
  }

  statement {
    sid = "ManageVpcNetworkInterfaces"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ]
    resources = ["*"]
  }

  # The master credentials create the service's role and schema; the service's own credentials run Flyway as that role.
  statement {
    sid       = "ReadMasterAndOwnDatabaseCredentials"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.db_master_secret_arn, var.db_secret_arn]
  }

  statement {
    sid       = "DecryptDatabaseCredentials"
    actions   = ["kms:Decrypt"]
    resources = [var.secrets_kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "migration" {
  name   = "least-privilege"
  role   = aws_iam_role.migration.id
  policy = data.aws_iam_policy_document.migration.json
}
