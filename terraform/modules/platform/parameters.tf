# The contract with the service stacks: everything a service needs from the platform, published as SSM parameters
# under /cloud-gallery/<environment>/platform/. The service stacks read them (modules/platform-lookup) and never read
# this stack's state, so a service team needs no access to the platform's state bucket and the platform may refactor
# freely as long as these names and meanings stay. Lists are comma-separated. None of the values is secret: secrets
# are referenced by ARN.
locals {
  parameter_prefix = "/${local.project}/${var.environment}/platform"

  shared_parameters = {
    "network/vpc_id"                     = aws_vpc.this.id
    "network/private_subnet_ids"         = join(",", aws_subnet.private[*].id)
    "network/database_security_group_id" = aws_security_group.database.id

    "api/id"            = aws_apigatewayv2_api.this.id
    "api/execution_arn" = aws_apigatewayv2_api.this.execution_arn
    "api/authorizer_id" = aws_apigatewayv2_authorizer.cognito.id

    "auth/issuer"        = local.auth_issuer
    "auth/user_pool_id"  = aws_cognito_user_pool.this.id
    "auth/user_pool_arn" = aws_cognito_user_pool.this.arn
    "auth/web_client_id" = aws_cognito_user_pool_client.web.id

    "db/url"               = local.db_service_url
    "db/admin_url"         = local.db_admin_url
    "db/master_secret_arn" = aws_rds_cluster.this.master_user_secret[0].secret_arn

    "kms/images_key_arn"    = aws_kms_key.images.arn
    "kms/secrets_key_arn"   = aws_kms_key.this["secrets"].arn
    "kms/messaging_key_arn" = aws_kms_key.this["messaging"].arn
    "kms/logs_key_arn"      = aws_kms_key.this["logs"].arn

    "storage/images_bucket_name" = aws_s3_bucket.this["images"].bucket
    "storage/images_bucket_arn"  = aws_s3_bucket.this["images"].arn

    "alarms/topic_arn" = aws_sns_topic.alarms.arn

    "origin/secret_arn"     = aws_secretsmanager_secret.origin_verify.arn
    "cursor/key_secret_arn" = aws_secretsmanager_secret.cursor_key.arn

    "media/base_url"               = "https://${var.domain_name}"
    "media/key_pair_id"            = aws_cloudfront_public_key.media.id
    "media/signing_key_secret_arn" = aws_secretsmanager_secret.media_signing_key.arn
  }

  queue_parameters = merge([
    for name, queue in aws_sqs_queue.this : {
      "queues/${name}/arn" = queue.arn
      "queues/${name}/url" = queue.url
    }
  ]...)

  service_parameters = merge([
    for name, service in var.services : {
      "services/${name}/repository_url" = aws_ecr_repository.service[name].repository_url
      "services/${name}/db_secret_arn"  = aws_secretsmanager_secret.service_db[name].arn
      "services/${name}/db_schema"      = service.schema
    }
  ]...)

  parameters = merge(local.shared_parameters, local.queue_parameters, local.service_parameters)
}

resource "aws_ssm_parameter" "platform" {
  for_each = local.parameters

  name           = "${local.parameter_prefix}/${each.key}"
  description    = "Cloud Gallery ${var.environment} platform output read by the service stacks"
  type           = "String"
  tier           = "Standard"
  insecure_value = each.value
}
