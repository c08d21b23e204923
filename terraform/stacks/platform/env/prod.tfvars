# Production: Multi-AZ database and NAT, RDS Proxy, threat protection, longer retention, deletion protection.
environment    = "prod"
aws_region     = "eu-west-1"
aws_account_id = "222222222222" # replace with the prod account

vpc_cidr            = "10.30.0.0/16"
az_count            = 3
nat_gateway_mode    = "per_az"
interface_endpoints = ["kms", "logs", "secretsmanager", "sqs"]

# Required: the API answers only through CloudFront, which reaches it at api-origin.<domain_name>.
domain_name            = "gallery.example.com"  # replace with the prod site's domain
route53_zone_id        = "Z0000000000000000000" # replace with the hosted zone that holds it
cloudfront_price_class = "PriceClass_All"
waf_rate_limit         = 2000
waf_auth_rate_limit    = 300
waf_share_rate_limit   = 100
enable_shield_advanced = false

cognito_threat_protection = "ENFORCED"
# Cognito's built-in sender allows only a few dozen mails a day: set a verified SES identity before launch.
ses_email_identity_arn        = ""
email_from_address            = ""
access_token_validity_minutes = 60
refresh_token_validity_days   = 30

api_throttling_rate_limit  = 500
api_throttling_burst_limit = 1000

db_capacity_mode           = "serverless"
db_engine_version          = "16.6"
db_instance_count          = 2
db_serverless_min_capacity = 1
db_serverless_max_capacity = 16
db_backup_retention_days   = 14
enable_rds_proxy           = true
deletion_protection        = true

noncurrent_version_expiration_days = 30
pending_upload_expiration_days     = 2
queue_visibility_timeout_seconds   = 360
queue_max_receive_count            = 5
ecr_keep_images                    = 30
log_retention_days                 = 90
alarm_email                        = ""
kms_deletion_window_days           = 30
