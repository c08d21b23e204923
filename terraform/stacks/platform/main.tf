module "platform" {
  source = "../../modules/platform"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment = var.environment

  # Adding a service starts here: its repository, database role and credentials; then its own stack.
  services = {
    "user-service"    = { schema = "users" }
    "image-service"   = { schema = "images" }
    "gallery-service" = { schema = "gallery" }
  }

  vpc_cidr            = var.vpc_cidr
  az_count            = var.az_count
  nat_gateway_mode    = var.nat_gateway_mode
  interface_endpoints = var.interface_endpoints

  domain_name            = var.domain_name
  route53_zone_id        = var.route53_zone_id
  cloudfront_price_class = var.cloudfront_price_class
  waf_rate_limit         = var.waf_rate_limit
  waf_auth_rate_limit    = var.waf_auth_rate_limit
  waf_share_rate_limit   = var.waf_share_rate_limit
  enable_shield_advanced = var.enable_shield_advanced

  cognito_threat_protection     = var.cognito_threat_protection
  ses_email_identity_arn        = var.ses_email_identity_arn
  email_from_address            = var.email_from_address
  access_token_validity_minutes = var.access_token_validity_minutes
  refresh_token_validity_days   = var.refresh_token_validity_days

  api_throttling_rate_limit  = var.api_throttling_rate_limit
  api_throttling_burst_limit = var.api_throttling_burst_limit

  db_capacity_mode           = var.db_capacity_mode
  db_engine_version          = var.db_engine_version
  db_instance_class          = var.db_instance_class
  db_instance_count          = var.db_instance_count
  db_serverless_min_capacity = var.db_serverless_min_capacity
  db_serverless_max_capacity = var.db_serverless_max_capacity
  db_backup_retention_days   = var.db_backup_retention_days
  enable_rds_proxy           = var.enable_rds_proxy
  deletion_protection        = var.deletion_protection

  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
  pending_upload_expiration_days     = var.pending_upload_expiration_days
  queue_visibility_timeout_seconds   = var.queue_visibility_timeout_seconds
  queue_max_receive_count            = var.queue_max_receive_count
  ecr_keep_images                    = var.ecr_keep_images
  log_retention_days                 = var.log_retention_days
  alarm_email                        = var.alarm_email
  kms_deletion_window_days           = var.kms_deletion_window_days
}
