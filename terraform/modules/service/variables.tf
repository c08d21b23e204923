variable "name" {
  description = "Service name, e.g. user-service. Part of the function names."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be lowercase kebab-case, 3-31 characters."
  }
}

variable "environment" {
  description = "Environment name (dev, prod, ...)."
  type        = string
}

# --- image ----------------------------------------------------------------------------------------------------------

variable "image_repository_url" {
  description = "ECR repository URL of the service image (without tag or digest)."
  type        = string
}

variable "image_digest" {
  description = "Digest of the image to run (sha256:...). Functions always reference an image by digest, never by tag; a new digest also runs the schema migration."
  type        = string

  validation {
    condition     = can(regex("^sha256:[0-9a-f]{64}$", var.image_digest))
    error_message = "image_digest must look like sha256:<64 hex digits>."
  }
}

variable "handler" {
  description = "Handler of the API function (the image's CMD), e.g. dev.cloudgallery.users.UsersLambda::handleRequest. The same handler receives the SQS events of event_sources."
  type        = string
}

variable "architecture" {
  description = "Instruction set of the image and function: x86_64 or arm64. Must match the platform the image was built for."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

# --- sizing -----------------------------------------------------------------------------------------------------------

variable "memory_size" {
  description = "Memory of the API function in MB. CPU scales with it, one vCPU at 1769 MB, and a cold start is CPU-bound: make bench measures 1024 MB starting 1.4-1.7x slower, 512 MB 3-4x."
  type        = number
  default     = 1769

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

variable "timeout" {
  description = "Timeout of the API function in seconds. API Gateway gives up after 29 s, so longer only helps queue consumers."
  type        = number
  default     = 29

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900
    error_message = "timeout must be between 1 and 900 seconds."
  }
}

variable "reserved_concurrency" {
  description = "Concurrent executions reserved for (and capping) the API function; -1 leaves it unreserved. A cap also protects the database from connection storms."
  type        = number
  default     = -1

  validation {
    condition     = var.reserved_concurrency >= -1
    error_message = "reserved_concurrency must be -1 (unreserved) or a non-negative number."
  }
}

variable "migration_memory_size" {
  description = "Memory of the migration function in MB."
  type        = number
  default     = 1024
}

variable "migration_timeout" {
  description = "Timeout of the migration function in seconds (long migrations need more)."
  type        = number
  default     = 300

  validation {
    condition     = var.migration_timeout >= 30 && var.migration_timeout <= 900
    error_message = "migration_timeout must be between 30 and 900 seconds."
  }
}

variable "log_retention_days" {
  description = "Retention of the functions' log groups, in days."
  type        = number
}

variable "logs_kms_key_arn" {
  description = "KMS key the log groups are encrypted with."
  type        = string
}

# --- network ----------------------------------------------------------------------------------------------------------

variable "vpc_id" {
  description = "VPC the functions run in."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the functions."
  type        = list(string)
}

variable "database_security_group_id" {
  description = "Security group of the database (and proxy); this module adds an ingress rule from the service's functions."
  type        = string
}

# --- configuration ------------------------------------------------------------------------------------------------

variable "db_url" {
  description = "JDBC URL the API function connects with (DB_URL)."
  type        = string
}

variable "db_admin_url" {
  description = "JDBC URL of the cluster writer, used by the migration function (its DB_URL)."
  type        = string
}

variable "db_secret_arn" {
  description = "Secrets Manager ARN of the service's own database role, {username, password} (DB_SECRET_ARN)."
  type        = string
}

variable "db_schema" {
  description = "PostgreSQL schema the migration creates and migrates (DB_SCHEMA)."
  type        = string
}

variable "db_master_secret_arn" {
  description = "Secrets Manager ARN of the Aurora master credentials. Given to the migration function only (DB_ADMIN_SECRET_ARN), never to the API function."
  type        = string
}

variable "secrets_kms_key_arn" {
  description = "KMS key that encrypts the platform's secrets (database credentials, origin secret)."
  type        = string
}

variable "origin_secret_arn" {
  description = "Secrets Manager ARN of the origin secret {current, previous}: the X-Origin-Verify values CloudFront adds to API requests. Given to the API function only (ORIGIN_SECRET_ARN), which refuses any request without one of them; the migration function takes no requests and does not get it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$", var.origin_secret_arn))
    error_message = "origin_secret_arn must be a Secrets Manager secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>)."
  }
}

variable "auth_issuer" {
  description = "Token issuer the service accepts (AUTH_ISSUER)."
  type        = string
}

variable "auth_client_ids" {
  description = "App client ids whose access tokens the service accepts (AUTH_CLIENT_IDS, comma-separated)."
  type        = list(string)
}

variable "extra_environment" {
  description = "Service-specific environment variables of the API function, added to the ones every service gets (DB_URL, DB_SECRET_ARN, AUTH_ISSUER, AUTH_CLIENT_IDS, ORIGIN_SECRET_ARN). Must be exactly what the service's application.yaml reads."
  type        = map(string)
  default     = {}

  validation {
    condition     = length(setintersection(keys(var.extra_environment), ["DB_URL", "DB_SECRET_ARN", "AUTH_ISSUER", "AUTH_CLIENT_IDS", "ORIGIN_SECRET_ARN"])) == 0
    error_message = "extra_environment must not redefine DB_URL, DB_SECRET_ARN, AUTH_ISSUER, AUTH_CLIENT_IDS or ORIGIN_SECRET_ARN."
  }
}

# --- API --------------------------------------------------------------------------------------------------------------

variable "api_id" {
  description = "Id of the shared HTTP API."
  type        = string
}

variable "api_execution_arn" {
  description = "Execution ARN of the shared HTTP API."
  type        = string
}

variable "authorizer_id" {
  description = "Id of the JWT authorizer that protected routes use."
  type        = string
}

variable "api_path_prefix" {
  description = "Path prefix the service owns, e.g. /api/users. Every route must be under it, and API Gateway may invoke the function for it only."
  type        = string

  validation {
    condition     = can(regex("^/api/[a-z][a-z0-9-]*$", var.api_path_prefix))
    error_message = "api_path_prefix must look like /api/<name>."
  }
}

variable "routes" {
  description = "Routes of the service: route key (\"METHOD /path\", path parameters as {name}) to authorization, JWT (Cognito access token required) or NONE (public, or the service checks an optional token itself)."
  type        = map(string)

  validation {
    condition     = alltrue([for key, auth in var.routes : contains(["JWT", "NONE"], auth) && can(regex("^(GET|POST|PUT|PATCH|DELETE) /", key))])
    error_message = "Route keys must be \"METHOD /path\" and their authorization JWT or NONE."
  }
}

# --- permissions and workers ----------------------------------------------------------------------------------------

variable "policy_statements" {
  description = "Service-specific IAM statements of the API function's role (its bucket prefixes, queues it sends to, keys). Name actions and resources exactly; wildcards in actions are refused."
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  default = []

  validation {
    condition     = alltrue([for statement in var.policy_statements : alltrue([for action in statement.actions : !strcontains(action, "*")])])
    error_message = "policy_statements must name their actions; \"*\" and \"service:*\" are not allowed."
  }
}

variable "worker" {
  description = "A queue worker on the same image with its own handler and sizing, e.g. image-service's processing worker. When set, event_sources feed it instead of the API function, and schedule_expression (EventBridge, e.g. rate(5 minutes)) invokes it with a Scheduled Event. null: the API function's handler consumes event_sources."
  type = object({
    handler              = string
    memory_size          = optional(number, 2048)
    timeout              = optional(number, 120)
    reserved_concurrency = optional(number, 10)
    schedule_expression  = optional(string)
  })
  default = null

  validation {
    condition     = var.worker == null || (try(var.worker.memory_size, 0) >= 128 && try(var.worker.memory_size, 0) <= 10240 && try(var.worker.timeout, 0) >= 1 && try(var.worker.timeout, 0) <= 900)
    error_message = "worker.memory_size must be 128-10240 MB and worker.timeout 1-900 seconds."
  }
}

variable "event_sources" {
  description = "SQS queues whose messages the worker's handler (or, without a worker, the API function's) processes, keyed by a short name. Failed messages go to the queue's dead-letter queue (redrive policy of the platform's queue). report_batch_item_failures: the handler returns {\"batchItemFailures\": [...]} so only failed messages are retried."
  type = map(object({
    queue_arn                       = string
    kms_key_arn                     = string
    batch_size                      = optional(number, 10)
    maximum_batching_window_seconds = optional(number, 0)
    maximum_concurrency             = optional(number)
    report_batch_item_failures      = optional(bool, true)
  }))
  default = {}
}

# --- alarms -----------------------------------------------------------------------------------------------------------

variable "alarm_topic_arn" {
  description = "SNS topic the function alarms notify."
  type        = string
}

variable "alarm_errors_threshold" {
  description = "Function errors in 5 minutes that raise the errors alarm."
  type        = number
  default     = 5
}
