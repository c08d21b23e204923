variable "environment" {
  description = "Environment name (dev, prod, ...)."
  type        = string
}

variable "aws_region" {
  description = "Region of the platform; every service stack of the environment must use the same one."
  type        = string
}

variable "aws_account_id" {
  description = "AWS account the environment lives in; the provider refuses to act on any other (guards against applying prod with dev credentials)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be a 12-digit account id."
  }
}

variable "tags" {
  description = "Extra tags on every resource (e.g. CostCenter, Owner), added to Project, Environment, Stack and ManagedBy."
  type        = map(string)
  default     = {}
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC."
  type        = string
}

variable "az_count" {
  description = "Number of availability zones used."
  type        = number
}

variable "nat_gateway_mode" {
  description = "Internet egress of the private subnets: none, single or per_az."
  type        = string
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints."
  type        = set(string)
}

variable "domain_name" {
  description = "Domain of the site; api-origin.<domain_name> becomes CloudFront's origin for the API, whose default endpoint is disabled. Required."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of domain_name (certificate validation and alias records). Required."
  type        = string
}

variable "cloudfront_price_class" {
  description = "CloudFront price class."
  type        = string
}

variable "waf_rate_limit" {
  description = "Requests per client IP per 5 minutes before WAF blocks it."
  type        = number
}

variable "waf_auth_rate_limit" {
  description = "Requests per client IP per 5 minutes to the account endpoints before WAF blocks it."
  type        = number
}

variable "waf_share_rate_limit" {
  description = "Requests per client IP per 5 minutes to shared albums before WAF blocks it."
  type        = number
}

variable "enable_shield_advanced" {
  description = "Protect the distribution with Shield Advanced (needs an active subscription)."
  type        = bool
  default     = false
}

variable "cognito_threat_protection" {
  description = "Cognito threat protection mode: OFF, AUDIT or ENFORCED (Plus plan)."
  type        = string
}

variable "ses_email_identity_arn" {
  description = "Verified SES identity for Cognito's mail; empty for Cognito's built-in sender."
  type        = string
  default     = ""
}

variable "email_from_address" {
  description = "From address of Cognito's mail when sending through SES."
  type        = string
  default     = ""
}

variable "access_token_validity_minutes" {
  description = "Lifetime of access and ID tokens in minutes."
  type        = number
}

variable "refresh_token_validity_days" {
  description = "Lifetime of refresh tokens in days."
  type        = number
}

variable "api_throttling_rate_limit" {
  description = "Steady-state requests per second of the API stage."
  type        = number
}

variable "api_throttling_burst_limit" {
  description = "Burst size of the API stage throttle."
  type        = number
}

variable "db_capacity_mode" {
  description = "Aurora capacity: serverless or provisioned."
  type        = string
}

variable "db_engine_version" {
  description = "Aurora PostgreSQL engine version."
  type        = string
}

variable "db_instance_class" {
  description = "Instance class when db_capacity_mode is provisioned."
  type        = string
  default     = "db.r6g.large"
}

variable "db_instance_count" {
  description = "Cluster instances (2+ for Multi-AZ)."
  type        = number
}

variable "db_serverless_min_capacity" {
  description = "Serverless v2 minimum ACUs."
  type        = number
  default     = 0.5
}

variable "db_serverless_max_capacity" {
  description = "Serverless v2 maximum ACUs."
  type        = number
  default     = 4
}

variable "db_backup_retention_days" {
  description = "Days of automated Aurora backups."
  type        = number
}

variable "enable_rds_proxy" {
  description = "Put RDS Proxy between the functions and Aurora."
  type        = bool
}

variable "deletion_protection" {
  description = "Protect Aurora and the Cognito user pool from deletion."
  type        = bool
}

variable "noncurrent_version_expiration_days" {
  description = "Days S3 keeps noncurrent object versions."
  type        = number
}

variable "pending_upload_expiration_days" {
  description = "Days after which an upload still under originals/ is deleted: by then the image-service worker has processed or dropped it, so it is garbage."
  type        = number
}

variable "queue_visibility_timeout_seconds" {
  description = "Visibility timeout of the work queues (at least 6x the consumer's timeout)."
  type        = number
}

variable "queue_max_receive_count" {
  description = "Deliveries before a message moves to its dead-letter queue."
  type        = number
}

variable "ecr_keep_images" {
  description = "Images kept per service repository."
  type        = number
}

variable "log_retention_days" {
  description = "Retention of the platform's log groups in days."
  type        = number
}

variable "alarm_email" {
  description = "E-mail subscribed to the alarm topic; empty for none."
  type        = string
  default     = ""
}

variable "kms_deletion_window_days" {
  description = "Waiting period of a KMS key deletion in days."
  type        = number
}
