variable "environment" {
  description = "Environment name (dev, prod, ...). Part of every resource name and of the SSM parameter prefix /cloud-gallery/<environment>/platform."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,11}$", var.environment))
    error_message = "environment must be 2-12 lowercase letters or digits, starting with a letter."
  }
}

variable "services" {
  description = "The deployable services, keyed by service name (the folder and stack name, e.g. user-service). The platform creates each one's container repository and database credentials; schema is its PostgreSQL schema and role name; bump password_version to rotate the role's password (then redeploy that service so its migration applies it)."
  type = map(object({
    schema           = string
    password_version = optional(number, 1)
  }))

  validation {
    condition     = alltrue([for name, s in var.services : can(regex("^[a-z][a-z0-9-]*$", name)) && can(regex("^[a-z][a-z0-9_]{0,62}$", s.schema))])
    error_message = "Service names must be lowercase kebab-case and schemas valid lowercase PostgreSQL identifiers."
  }
}

# --- network -----------------------------------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC. Split into /4-smaller subnets: private ones first, public ones (NAT only) from the ninth block."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be a valid IPv4 CIDR block."
  }
}

variable "az_count" {
  description = "Number of availability zones to spread subnets (and NAT gateways in per_az mode) over."
  type        = number

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3
    error_message = "az_count must be 2 or 3 (Aurora needs subnets in at least two zones)."
  }
}

variable "nat_gateway_mode" {
  description = "Internet egress for the private subnets: none, single (one NAT gateway, cheaper) or per_az (one per zone, survives a zone outage). The services need egress for Cognito's public endpoints (JWKS, sign-up and sign-in calls); none only suits a setup that reaches every dependency through VPC endpoints."
  type        = string

  validation {
    condition     = contains(["none", "single", "per_az"], var.nat_gateway_mode)
    error_message = "nat_gateway_mode must be none, single or per_az."
  }
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints (short names such as sqs, secretsmanager, kms, logs). S3 always gets a free gateway endpoint."
  type        = set(string)
}

# --- edge --------------------------------------------------------------------------------------------------------

variable "domain_name" {
  description = "Domain of the site (e.g. gallery.example.com), in route53_zone_id. Required: the API's default endpoint is disabled so that it answers only through CloudFront, and an HTTP API without it needs a custom domain, api-origin.<domain_name>, as CloudFront's origin; the site is served on domain_name itself."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name)) && length(var.domain_name) <= 53
    error_message = "domain_name is required: a lowercase DNS name such as gallery.example.com, at most 53 characters, so that api-origin.<domain_name> fits ACM's 64-character limit for a certificate's name."
  }
}

variable "route53_zone_id" {
  description = "Route 53 public hosted zone that holds domain_name and api-origin.<domain_name>. Required with domain_name: it receives the DNS validation records of both certificates and their alias records."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]+$", var.route53_zone_id))
    error_message = "route53_zone_id is required: the id of a Route 53 hosted zone (Z...)."
  }
}

variable "cloudfront_price_class" {
  description = "CloudFront price class (PriceClass_100, PriceClass_200 or PriceClass_All)."
  type        = string

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.cloudfront_price_class)
    error_message = "cloudfront_price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "waf_rate_limit" {
  description = "Requests one client IP may make in 5 minutes across the whole site before WAF blocks it."
  type        = number

  validation {
    condition     = var.waf_rate_limit >= 100
    error_message = "WAF rate limits start at 100 requests per window."
  }
}

variable "waf_auth_rate_limit" {
  description = "Requests one client IP may make in 5 minutes to the account endpoints (POST /api/users/...: register, confirm, login, refresh, logout) before WAF blocks it; slows credential stuffing."
  type        = number

  validation {
    condition     = var.waf_auth_rate_limit >= 100
    error_message = "WAF rate limits start at 100 requests per window."
  }
}

variable "waf_share_rate_limit" {
  description = "Requests one client IP may make in 5 minutes to shared albums (GET /api/gallery/shared/<token>) before WAF blocks it; bounds token guessing, which a 256-bit token makes hopeless anyway."
  type        = number

  validation {
    condition     = var.waf_share_rate_limit >= 100
    error_message = "WAF rate limits start at 100 requests per window."
  }
}

variable "enable_shield_advanced" {
  description = "Add a Shield Advanced protection for the CloudFront distribution. Shield Standard always applies; Advanced needs an active account subscription (a one-year commitment, not managed here)."
  type        = bool
  default     = false
}

# --- identity ----------------------------------------------------------------------------------------------------

variable "cognito_threat_protection" {
  description = "Cognito threat protection (advanced security) mode: OFF, AUDIT or ENFORCED. AUDIT and ENFORCED put the user pool on the Plus feature plan, which is billed per monthly active user."
  type        = string

  validation {
    condition     = contains(["OFF", "AUDIT", "ENFORCED"], var.cognito_threat_protection)
    error_message = "cognito_threat_protection must be OFF, AUDIT or ENFORCED."
  }
}

variable "ses_email_identity_arn" {
  description = "ARN of a verified SES identity Cognito sends verification mail from. Empty: Cognito's built-in sender, limited to a few dozen messages a day (fine for dev, not for prod traffic)."
  type        = string
  default     = ""
}

variable "email_from_address" {
  description = "From address of Cognito's mail when ses_email_identity_arn is set, e.g. \"Cloud Gallery <no-reply@example.com>\"."
  type        = string
  default     = ""
}

variable "access_token_validity_minutes" {
  description = "Lifetime of Cognito access and ID tokens, in minutes (5-1440)."
  type        = number

  validation {
    condition     = var.access_token_validity_minutes >= 5 && var.access_token_validity_minutes <= 1440
    error_message = "Token validity must be between 5 minutes and 1 day."
  }
}

variable "refresh_token_validity_days" {
  description = "Lifetime of Cognito refresh tokens, in days (1-3650)."
  type        = number

  validation {
    condition     = var.refresh_token_validity_days >= 1 && var.refresh_token_validity_days <= 3650
    error_message = "Refresh token validity must be between 1 and 3650 days."
  }
}

# --- API -----------------------------------------------------------------------------------------------------------

variable "api_throttling_rate_limit" {
  description = "Steady-state requests per second the API stage accepts across all routes."
  type        = number
}

variable "api_throttling_burst_limit" {
  description = "Burst size (token bucket) of the API stage throttle."
  type        = number
}

# --- data ----------------------------------------------------------------------------------------------------------

variable "db_capacity_mode" {
  description = "Aurora capacity: serverless (Serverless v2, scales in ACUs) or provisioned (fixed instance class)."
  type        = string

  validation {
    condition     = contains(["serverless", "provisioned"], var.db_capacity_mode)
    error_message = "db_capacity_mode must be serverless or provisioned."
  }
}

variable "db_engine_version" {
  description = "Aurora PostgreSQL engine version, e.g. 16.6. Its major version selects the cluster parameter group family."
  type        = string
}

variable "db_instance_class" {
  description = "Instance class of the cluster instances when db_capacity_mode is provisioned (e.g. db.r6g.large); ignored for serverless, which uses db.serverless."
  type        = string
  default     = "db.r6g.large"
}

variable "db_instance_count" {
  description = "Number of cluster instances: 1 writer plus readers. 2 or more places instances in different zones (Multi-AZ failover)."
  type        = number

  validation {
    condition     = var.db_instance_count >= 1 && var.db_instance_count <= 15
    error_message = "db_instance_count must be between 1 and 15."
  }
}

variable "db_serverless_min_capacity" {
  description = "Serverless v2 minimum capacity in ACUs (0.5 steps)."
  type        = number
  default     = 0.5
}

variable "db_serverless_max_capacity" {
  description = "Serverless v2 maximum capacity in ACUs."
  type        = number
  default     = 4
}

variable "db_backup_retention_days" {
  description = "Days Aurora keeps automated backups (point-in-time recovery window)."
  type        = number

  validation {
    condition     = var.db_backup_retention_days >= 1 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be between 1 and 35."
  }
}

variable "enable_rds_proxy" {
  description = "Put an RDS Proxy between the service functions and Aurora (connection pooling for bursts of Lambda instances). Schema migrations always connect to the writer directly."
  type        = bool
}

variable "deletion_protection" {
  description = "Protect stateful resources (Aurora cluster, Cognito user pool) from deletion. Keep true outside throw-away environments."
  type        = bool
}

# --- storage, messaging, observability --------------------------------------------------------------------------

variable "noncurrent_version_expiration_days" {
  description = "Days S3 keeps overwritten or deleted object versions (undo window) before deleting them for good. A deleted image's bytes stay recoverable this long."
  type        = number

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be at least 1."
  }
}

variable "pending_upload_expiration_days" {
  description = "Days after which an upload still under originals/ is deleted: by then the image-service worker has processed or dropped it, so it is garbage."
  type        = number

  validation {
    condition     = var.pending_upload_expiration_days >= 1
    error_message = "pending_upload_expiration_days must be at least 1."
  }
}

variable "queue_visibility_timeout_seconds" {
  description = "Visibility timeout of the work queues. AWS recommends at least six times the timeout of the function that consumes the queue."
  type        = number

  validation {
    condition     = var.queue_visibility_timeout_seconds >= 30 && var.queue_visibility_timeout_seconds <= 43200
    error_message = "queue_visibility_timeout_seconds must be between 30 and 43200."
  }
}

variable "queue_max_receive_count" {
  description = "Deliveries of a message before SQS moves it to the queue's dead-letter queue."
  type        = number

  validation {
    condition     = var.queue_max_receive_count >= 1 && var.queue_max_receive_count <= 1000
    error_message = "queue_max_receive_count must be between 1 and 1000."
  }
}

variable "ecr_keep_images" {
  description = "Number of most recent images each service repository keeps; older ones expire. Keep enough to roll back."
  type        = number

  validation {
    condition     = var.ecr_keep_images >= 5
    error_message = "Keep at least 5 images so a rollback target is available."
  }
}

variable "log_retention_days" {
  description = "Retention of the platform's CloudWatch log groups (API access logs, database logs)."
  type        = number
}

variable "alarm_email" {
  description = "E-mail address subscribed to the alarm topic (must confirm the subscription). Empty: no subscription."
  type        = string
  default     = ""
}

variable "kms_deletion_window_days" {
  description = "Waiting period before a scheduled KMS key deletion takes effect (7-30 days)."
  type        = number

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30
    error_message = "kms_deletion_window_days must be between 7 and 30."
  }
}
