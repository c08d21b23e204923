locals {
  service = "user-service"
}

# Everything the service needs from the platform, read from the SSM parameters the platform stack publishes.
module "platform" {
  source = "../../modules/platform-lookup"

  environment = var.environment
  service     = local.service
}

module "service" {
  source = "../../modules/service"

  name        = local.service
  environment = var.environment

  image_repository_url = module.platform.repository_url
  image_digest         = var.image_digest
  handler              = "dev.cloudgallery.users.UsersLambda::handleRequest"
  architecture         = var.architecture
  memory_size          = var.memory_size
  timeout              = var.timeout
  reserved_concurrency = var.reserved_concurrency
  log_retention_days   = var.log_retention_days
  logs_kms_key_arn     = module.platform.logs_kms_key_arn

  vpc_id                     = module.platform.vpc_id
  subnet_ids                 = module.platform.private_subnet_ids
  database_security_group_id = module.platform.database_security_group_id

  db_url               = module.platform.db_url
  db_admin_url         = module.platform.db_admin_url
  db_secret_arn        = module.platform.db_secret_arn
  db_schema            = module.platform.db_schema
  db_master_secret_arn = module.platform.db_master_secret_arn
  secrets_kms_key_arn  = module.platform.secrets_kms_key_arn

  auth_issuer     = module.platform.auth_issuer
  auth_client_ids = [module.platform.web_client_id]

  # The service answers only requests that came through CloudFront (X-Origin-Verify, checked against this secret).
  origin_secret_arn = module.platform.origin_secret_arn

  # Sign-up, confirmation, sign-in, refresh and sign-out go to Cognito with the web client (public APIs: no IAM);
  # only resuming a half-made registration reads the account as an administrator (ReadUnconfirmedAccounts below).
  # Profile events go to the gallery's queue.
  extra_environment = {
    COGNITO_USER_POOL_ID     = module.platform.user_pool_id
    COGNITO_CLIENT_ID        = module.platform.web_client_id
    GALLERY_EVENTS_QUEUE_URL = module.platform.gallery_events_queue_url
  }

  api_id            = module.platform.api_id
  api_execution_arn = module.platform.api_execution_arn
  authorizer_id     = module.platform.authorizer_id
  api_path_prefix   = "/api/users"

  # Must equal the operations of user-service/src/main/resources/openapi.yaml (checked by terraform/tests).
  routes = {
    "POST /api/users/register" = "NONE"
    "POST /api/users/confirm"  = "NONE"
    "POST /api/users/login"    = "NONE"
    "POST /api/users/refresh"  = "NONE"
    "POST /api/users/logout"   = "JWT"
    "GET /api/users/me"        = "JWT"
    "PATCH /api/users/me"      = "JWT"
    "GET /api/users/{userId}"  = "NONE"
    "GET /api/users/health"    = "NONE"
    "GET /api/users/openapi"   = "NONE"
  }

  # The outbox relay: each request sends its own profile event; this function, on a schedule, sends those that
  # stayed behind because the queue was down. One at a time is enough, and bounds its database connections.
  worker = {
    handler              = "dev.cloudgallery.users.RelayLambda::handleRequest"
    memory_size          = 512
    timeout              = 60
    reserved_concurrency = 1
    schedule_expression  = "rate(1 minute)"
  }

  # The account lookup that lets a registration be retried, and the outbox relay: profile changes (display names
  # shown on gallery cards) are published to gallery-events.
  policy_statements = [
    {
      sid       = "ReadUnconfirmedAccounts"
      actions   = ["cognito-idp:AdminGetUser"]
      resources = [module.platform.user_pool_arn]
    },
    {
      sid       = "PublishGalleryEvents"
      actions   = ["sqs:SendMessage"]
      resources = [module.platform.gallery_events_queue_arn]
    },
    {
      sid       = "EncryptGalleryEvents"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [module.platform.messaging_kms_key_arn]
      conditions = [{
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["sqs.${var.aws_region}.amazonaws.com"]
      }]
    },
  ]

  alarm_topic_arn = module.platform.alarm_topic_arn
}
