output "parameter_prefix" {
  description = "SSM path under which the platform publishes its outputs for the service stacks."
  value       = local.parameter_prefix
}

output "site_url" {
  description = "Public URL of the site (custom domain when set, else the CloudFront domain)."
  value       = local.site_origin
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution id (for cache invalidations after a frontend upload)."
  value       = aws_cloudfront_distribution.this.id
}

output "frontend_bucket_name" {
  description = "Bucket the built frontend is uploaded to."
  value       = aws_s3_bucket.this["frontend"].bucket
}

output "api_endpoint" {
  description = "Direct API Gateway endpoint (CloudFront is the public entry; this is for diagnostics)."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "user_pool_id" {
  description = "Cognito user pool id."
  value       = aws_cognito_user_pool.this.id
}

output "web_client_id" {
  description = "Cognito app client id used by the web app and user-service."
  value       = aws_cognito_user_pool_client.web.id
}

output "service_repository_urls" {
  description = "ECR repository URL of each service, keyed by service name."
  value       = { for name, repository in aws_ecr_repository.service : name => repository.repository_url }
}
