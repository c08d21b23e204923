locals {
  service = "image-service"
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
  handler              = "dev.cloudgallery.images.ImagesLambda::handleRequest"
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
  # Originals arrive here through the presigned POSTs the API signs; the worker writes the derivatives beside them.
  extra_environment = {
    CURSOR_KEY_SECRET_ARN       = module.platform.cursor_key_secret_arn
    IMAGES_BUCKET               = module.platform.images_bucket_name
    IMAGES_PROCESSING_QUEUE_URL = module.platform.images_processing_queue_url
    GALLERY_EVENTS_QUEUE_URL    = module.platform.gallery_events_queue_url
    # Renditions are served by CloudFront through URLs signed with the media key.
    MEDIA_BASE_URL               = module.platform.media_base_url
    MEDIA_KEY_PAIR_ID            = module.platform.media_key_pair_id
    MEDIA_SIGNING_KEY_SECRET_ARN = module.platform.media_signing_key_secret_arn
  }

  api_id            = module.platform.api_id
  api_execution_arn = module.platform.api_execution_arn
  authorizer_id     = module.platform.authorizer_id
  api_path_prefix   = "/api/images"

  # Must equal the operations of image-service/src/main/resources/openapi.yaml (checked by terraform/tests).
  routes = {
    "POST /api/images"                    = "JWT"
    "GET /api/images"                     = "JWT"
    "GET /api/images/quota"               = "JWT"
    "GET /api/images/{imageId}"           = "NONE"
    "PATCH /api/images/{imageId}"         = "JWT"
    "DELETE /api/images/{imageId}"        = "JWT"
    "POST /api/images/{imageId}/complete" = "JWT"
    "GET /api/images/health"              = "NONE"
    "GET /api/images/openapi"             = "NONE"
  }

  # The processing worker: "complete" and the sweep enqueue to images-processing; this function decodes, re-encodes
  # and stores the renditions. Its schedule sweeps uploads nobody completed and grants that expired unused.
  worker = {
    handler              = "dev.cloudgallery.images.WorkerLambda::handleRequest"
    memory_size          = var.worker_memory_size
    timeout              = var.worker_timeout
    reserved_concurrency = var.worker_reserved_concurrency
    schedule_expression  = "rate(5 minutes)"
  }
  event_sources = {
    "images-processing" = {
      queue_arn           = module.platform.images_processing_queue_arn
      kms_key_arn         = module.platform.messaging_kms_key_arn
      batch_size          = 1 # one image per invocation: decoding is memory-bound, retries stay per image
      maximum_concurrency = 10
    }
  }

  policy_statements = [
    # Originals are written by browsers through presigned POSTs signed with this role, then read, re-encoded and
    # deleted; derivatives (the re-encoded original, medium, thumbnail) are written by the worker and read through
    # presigned GETs.
    {
      sid     = "OwnImageObjects"
      actions = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]
      resources = [
        "${module.platform.images_bucket_arn}/originals/*",
        "${module.platform.images_bucket_arn}/derivatives/*",
      ]
    },
    # Without ListBucket, S3 answers 403 instead of 404 for a missing key ("object not in storage yet"). It cannot be
    # narrowed to a prefix for that purpose (a HEAD request carries no s3:prefix); the bucket is image-service's own.
    {
      sid       = "ListImagesBucket"
      actions   = ["s3:ListBucket"]
      resources = [module.platform.images_bucket_arn]
    },
    {
      sid       = "EncryptImageObjects"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [module.platform.images_kms_key_arn]
      conditions = [{
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${var.aws_region}.amazonaws.com"]
      }]
    },
    # The key that seals list cursors, read at the first list.
    {
      sid       = "ReadCursorKey"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [module.platform.cursor_key_secret_arn]
    },
    # The private key that signs rendition URLs, read once at init. The secrets key decrypts both through Secrets
    # Manager only (the service module's grant).
    {
      sid       = "ReadMediaSigningKey"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [module.platform.media_signing_key_secret_arn]
    },
    # "complete" hands the image to the worker; the outbox relay publishes image events for the gallery.
    {
      sid       = "SendToQueues"
      actions   = ["sqs:SendMessage"]
      resources = [module.platform.images_processing_queue_arn, module.platform.gallery_events_queue_arn]
    },
    {
      sid       = "EncryptQueueMessages"
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
