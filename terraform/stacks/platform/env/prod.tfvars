# Production: Multi-AZ database and NAT, RDS Proxy, threat protection, longer retention, deletion protection.
environment    = "prod"
aws_region     = "eu-west-1"
aws_account_id = "222222222222" # replace with the prod account

vpc_cidr            = "10.30.0.0/16"
az_count            = 3
nat_gateway_mode    = "per_az"
interface_endpoints = ["kms", "logs", "secretsmanager", "sqs"]

# Set both to serve the site on a custom domain (certificate and alias records are created).
domain_name            = ""
route53_zone_id        = ""
cloudfront_price_class = "PriceClass_All"
waf_rate_limit         = 2000
waf_auth_rate_limit    = 300
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
