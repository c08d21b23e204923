# Development: one zone's worth of everything that costs per hour, nothing that blocks tearing it down.
environment    = "dev"
aws_region     = "eu-west-1"
aws_account_id = "111111111111" # replace with the dev account

vpc_cidr         = "10.20.0.0/16"
az_count         = 2
nat_gateway_mode = "single"
# Only what the services call from inside the VPC today; kms and logs go through NAT in dev.
interface_endpoints = ["secretsmanager", "sqs"]

# Required: the API answers only through CloudFront, which reaches it at api-origin.<domain_name>.
domain_name            = "dev.gallery.example.com" # replace with the dev site's domain
route53_zone_id        = "Z0000000000000000000"    # replace with the hosted zone that holds it
cloudfront_price_class = "PriceClass_100"
waf_rate_limit         = 2000
waf_auth_rate_limit    = 300
waf_share_rate_limit   = 100
enable_shield_advanced = false

cognito_threat_protection     = "OFF"
access_token_validity_minutes = 60
refresh_token_validity_days   = 30

api_throttling_rate_limit  = 50
api_throttling_burst_limit = 100

db_capacity_mode           = "serverless"
db_engine_version          = "16.6"
db_instance_count          = 1
db_serverless_min_capacity = 0.5
db_serverless_max_capacity = 2
db_backup_retention_days   = 1
enable_rds_proxy           = false
deletion_protection        = false

noncurrent_version_expiration_days = 7
pending_upload_expiration_days     = 2
queue_visibility_timeout_seconds   = 180
queue_max_receive_count            = 5
ecr_keep_images                    = 10
log_retention_days                 = 14
kms_deletion_window_days           = 7
