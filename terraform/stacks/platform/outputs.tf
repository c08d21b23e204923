output "parameter_prefix" {
  description = "SSM path the service stacks read the platform from."
  value       = module.platform.parameter_prefix
}

output "site_url" {
  description = "Public URL of the site."
  value       = module.platform.site_url
}

output "cloudfront_distribution_id" {
  description = "Distribution to invalidate after a frontend upload."
  value       = module.platform.cloudfront_distribution_id
}

output "frontend_bucket_name" {
  description = "Bucket the built frontend is uploaded to."
  value       = module.platform.frontend_bucket_name
}

output "api_origin_url" {
  description = "CloudFront's origin for the API (diagnostics; the public entry is site_url/api/..., and this address refuses requests without the origin header)."
  value       = module.platform.api_origin_url
}

output "origin_secret_arn" {
  description = "Secret of the X-Origin-Verify header CloudFront sends to the API (rotate it as the README describes)."
  value       = module.platform.origin_secret_arn
}

output "user_pool_id" {
  description = "Cognito user pool id."
  value       = module.platform.user_pool_id
}

output "web_client_id" {
  description = "Cognito web app client id."
  value       = module.platform.web_client_id
}

output "service_repository_urls" {
  description = "ECR repository of each service."
  value       = module.platform.service_repository_urls
}
