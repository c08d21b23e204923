variable "environment" {
  description = "Environment whose platform to read (/cloud-gallery/<environment>/platform/...)."
  type        = string
}

variable "service" {
  description = "Name of the service reading the platform (e.g. user-service); selects its per-service parameters (image repository, database credentials)."
  type        = string
}
