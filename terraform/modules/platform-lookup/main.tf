# Reads what the platform stack publishes under /cloud-gallery/<environment>/platform/ (modules/platform/parameters.tf).
# A missing parameter fails the plan with ParameterNotFound, naming it: apply the platform first.
locals {
  prefix = "/cloud-gallery/${var.environment}/platform"

  shared_keys = toset([
    "network/vpc_id",
    "network/private_subnet_ids",
    "network/database_security_group_id",
    "api/id",
    "api/execution_arn",
    "api/authorizer_id",
    "auth/issuer",
    "auth/user_pool_id",
    "auth/user_pool_arn",
    "auth/web_client_id",
    "db/url",
    "db/admin_url",
    "db/master_secret_arn",
    "kms/images_key_arn",
    "kms/secrets_key_arn",
    "kms/messaging_key_arn",
    "kms/logs_key_arn",
    "storage/images_bucket_name",
    "storage/images_bucket_arn",
    "alarms/topic_arn",
    "queues/images-processing/arn",
    "queues/images-processing/url",
    "queues/gallery-events/arn",
    "queues/gallery-events/url",
    "origin/secret_arn",
    "cursor/key_secret_arn",
    "media/base_url",
    "media/key_pair_id",
    "media/signing_key_secret_arn",
  ])

  service_keys = toset([
    "repository_url",
    "db_secret_arn",
    "db_schema",
  ])

  shared  = { for key, parameter in data.aws_ssm_parameter.shared : key => parameter.insecure_value }
  service = { for key, parameter in data.aws_ssm_parameter.service : key => parameter.insecure_value }
}

data "aws_ssm_parameter" "shared" {
  for_each = local.shared_keys

  name = "${local.prefix}/${each.key}"
}

data "aws_ssm_parameter" "service" {
  for_each = local.service_keys

  name = "${local.prefix}/services/${var.service}/${each.key}"
}
