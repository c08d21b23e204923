output "parameter_prefix" {
  description = "SSM path under which the platform publishes its outputs for the service stacks."
  value       = local.parameter_prefix
}

output "site_url" {
  description = "Public URL of the site (its custom domain)."
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

output "api_origin_url" {
  description = "API Gateway custom domain CloudFront forwards /api/* to. The API's only address besides CloudFront (its default endpoint is disabled); the services refuse requests here that lack the origin header."
  value       = "https://${aws_apigatewayv2_domain_name.api_origin.domain_name}"
}

output "origin_secret_arn" {
  description = "Secrets Manager secret {current, previous} of the X-Origin-Verify header (rotation: README, \"One door in\")."
  value       = aws_secretsmanager_secret.origin_verify.arn
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
