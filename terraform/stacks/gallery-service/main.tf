locals {
  service = "gallery-service"
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
  handler              = "dev.cloudgallery.gallery.GalleryLambda::handleRequest"
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

  # The service's own settings, as its application.yaml reads them (the consistency test keeps both sides equal).
  # Cards link to renditions through CloudFront URLs signed with the media key; events arrive on gallery-events;
  # share links point at the site's shared-album page.
  extra_environment = {
    CURSOR_KEY_SECRET_ARN        = module.platform.cursor_key_secret_arn
    SITE_URL                     = module.platform.site_url
    IMAGES_BUCKET                = module.platform.images_bucket_name
    GALLERY_EVENTS_QUEUE_URL     = module.platform.gallery_events_queue_url
    MEDIA_BASE_URL               = module.platform.media_base_url
    MEDIA_KEY_PAIR_ID            = module.platform.media_key_pair_id
    MEDIA_SIGNING_KEY_SECRET_ARN = module.platform.media_signing_key_secret_arn
  }

  api_id            = module.platform.api_id
  api_execution_arn = module.platform.api_execution_arn
  authorizer_id     = module.platform.authorizer_id
  api_path_prefix   = "/api/gallery"

  # Must equal the operations of gallery-service/src/main/resources/openapi.yaml (checked by terraform/tests).
  # Routes with optional authentication (user pages, search) stay NONE: the service validates a token if present.
  routes = {
    "GET /api/gallery/feed"                                 = "NONE"
    "GET /api/gallery/me"                                   = "JWT"
    "GET /api/gallery/search"                               = "NONE"
    "GET /api/gallery/users/{userId}"                       = "NONE"
    "POST /api/gallery/albums"                              = "JWT"
    "GET /api/gallery/albums"                               = "JWT"
    "GET /api/gallery/albums/{albumId}"                     = "JWT"
    "PATCH /api/gallery/albums/{albumId}"                   = "JWT"
    "DELETE /api/gallery/albums/{albumId}"                  = "JWT"
    "PUT /api/gallery/albums/{albumId}/images/{imageId}"    = "JWT"
    "DELETE /api/gallery/albums/{albumId}/images/{imageId}" = "JWT"
    "POST /api/gallery/albums/{albumId}/links"              = "JWT"
    "GET /api/gallery/albums/{albumId}/links"               = "JWT"
    "DELETE /api/gallery/albums/{albumId}/links/{linkId}"   = "JWT"
    "GET /api/gallery/shared/{token}"                       = "NONE"
    "GET /api/gallery/health"                               = "NONE"
    "GET /api/gallery/openapi"                              = "NONE"
  }

  # The read model's consumer: image (and, later, profile) events from the other services' outboxes.
  worker = {
    handler              = "dev.cloudgallery.gallery.ConsumerLambda::handleRequest"
    memory_size          = var.consumer_memory_size
    timeout              = 30
    reserved_concurrency = var.consumer_reserved_concurrency
  }
  event_sources = {
    "gallery-events" = {
      queue_arn                       = module.platform.gallery_events_queue_arn
      kms_key_arn                     = module.platform.messaging_kms_key_arn
      batch_size                      = 10
      maximum_batching_window_seconds = 1
    }
  }

  # Cards carry short-lived CloudFront URLs of the renditions, signed with the media key read once at init; the
  # function reads no object itself.
  policy_statements = [
    # The key that seals list cursors, read at the first list.
    {
      sid       = "ReadCursorKey"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [module.platform.cursor_key_secret_arn]
    },
    {
      sid       = "ReadMediaSigningKey"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [module.platform.media_signing_key_secret_arn]
    },
  ]

  alarm_topic_arn = module.platform.alarm_topic_arn
}
