variable "domain_name" {
  description = "The one name the certificate covers (no wildcard, no alternative names). It must be in route53_zone_id, which receives its validation record."
  type        = string

  validation {
    # ACM refuses a certificate's first name (its Common Name) beyond 64 characters; failing here beats failing at apply.
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name)) && length(var.domain_name) <= 64
    error_message = "domain_name must be a lowercase DNS name such as gallery.example.com, at most 64 characters (ACM's limit for a certificate's name)."
  }
}

variable "route53_zone_id" {
  description = "Route 53 public hosted zone that holds domain_name; ACM reads the DNS validation record from it."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]+$", var.route53_zone_id))
    error_message = "route53_zone_id must be the id of a Route 53 hosted zone (Z...)."
  }
}
