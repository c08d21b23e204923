variable "environment" {
  description = "Environment to deploy to (dev, prod, ...); its platform must be applied already."
  type        = string
}

variable "aws_region" {
  description = "Region of the environment's platform."
  type        = string
}

variable "aws_account_id" {
  description = "AWS account of the environment; the provider refuses to act on any other."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be a 12-digit account id."
  }
}

variable "tags" {
  description = "Extra tags on every resource, added to Project, Environment, Stack, Service and ManagedBy."
  type        = map(string)
  default     = {}
}

variable "image_digest" {
  description = "Digest (sha256:...) of the image to deploy, as pushed by scripts/deploy.sh. Changing it runs the schema migration, then updates the function."
  type        = string
}

variable "architecture" {
  description = "Instruction set the image was built for: x86_64 or arm64."
  type        = string
}

variable "memory_size" {
  description = "Memory of the API function in MB."
  type        = number
}

variable "timeout" {
  description = "Timeout of the API function in seconds."
  type        = number
}

variable "reserved_concurrency" {
  description = "Reserved (and maximum) concurrency of the API function; -1 for unreserved."
  type        = number
}

variable "log_retention_days" {
  description = "Retention of the function log groups in days."
  type        = number
}

variable "consumer_memory_size" {
  description = "Memory of the event consumer function in MB."
  type        = number
}

variable "consumer_reserved_concurrency" {
  description = "Reserved (and maximum) concurrency of the event consumer function: it bounds the database connections the consumer opens."
  type        = number
}
