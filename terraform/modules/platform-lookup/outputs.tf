output "vpc_id" {
  description = "VPC of the platform."
  value       = local.shared["network/vpc_id"]
}

output "private_subnet_ids" {
  description = "Private subnets the functions run in."
  value       = split(",", local.shared["network/private_subnet_ids"])
}

output "database_security_group_id" {
  description = "Security group of Aurora (and RDS Proxy); the service adds its own ingress rule to it."
  value       = local.shared["network/database_security_group_id"]
}

output "api_id" {
  description = "Id of the shared HTTP API."
  value       = local.shared["api/id"]
}

output "api_execution_arn" {
  description = "Execution ARN of the shared HTTP API (for the Lambda invoke permission)."
  value       = local.shared["api/execution_arn"]
}

output "authorizer_id" {
  description = "Id of the Cognito JWT authorizer of the shared HTTP API."
  value       = local.shared["api/authorizer_id"]
}

output "auth_issuer" {
  description = "Token issuer (https://cognito-idp.<region>.amazonaws.com/<poolId>)."
  value       = local.shared["auth/issuer"]
}

output "user_pool_id" {
  description = "Cognito user pool id."
  value       = local.shared["auth/user_pool_id"]
}

output "user_pool_arn" {
  description = "Cognito user pool ARN, for IAM statements on the pool."
  value       = local.shared["auth/user_pool_arn"]
}

output "web_client_id" {
  description = "Cognito app client id whose tokens the API accepts."
  value       = local.shared["auth/web_client_id"]
}

output "db_url" {
  description = "JDBC URL the service connects with (RDS Proxy when enabled, else the cluster writer)."
  value       = local.shared["db/url"]
}

output "db_admin_url" {
  description = "JDBC URL of the cluster writer, for schema migrations."
  value       = local.shared["db/admin_url"]
}

output "db_master_secret_arn" {
  description = "Secrets Manager ARN of the Aurora master credentials (migration functions only)."
  value       = local.shared["db/master_secret_arn"]
}

output "images_kms_key_arn" {
  description = "KMS key of the images bucket."
  value       = local.shared["kms/images_key_arn"]
}

output "secrets_kms_key_arn" {
  description = "KMS key of the platform's secrets (database credentials, origin secret)."
  value       = local.shared["kms/secrets_key_arn"]
}

output "messaging_kms_key_arn" {
  description = "KMS key of the SQS queues."
  value       = local.shared["kms/messaging_key_arn"]
}

output "logs_kms_key_arn" {
  description = "KMS key for CloudWatch log groups."
  value       = local.shared["kms/logs_key_arn"]
}

output "images_bucket_name" {
  description = "Name of the images bucket."
  value       = local.shared["storage/images_bucket_name"]
}

output "images_bucket_arn" {
  description = "ARN of the images bucket."
  value       = local.shared["storage/images_bucket_arn"]
}

output "alarm_topic_arn" {
  description = "SNS topic alarms notify."
  value       = local.shared["alarms/topic_arn"]
}

output "images_processing_queue_arn" {
  description = "ARN of the images-processing queue."
  value       = local.shared["queues/images-processing/arn"]
}

output "images_processing_queue_url" {
  description = "URL of the images-processing queue."
  value       = local.shared["queues/images-processing/url"]
}

output "gallery_events_queue_arn" {
  description = "ARN of the gallery-events queue."
  value       = local.shared["queues/gallery-events/arn"]
}

output "gallery_events_queue_url" {
  description = "URL of the gallery-events queue."
  value       = local.shared["queues/gallery-events/url"]
}

output "origin_secret_arn" {
  description = "Secrets Manager ARN of the origin secret {current, previous}: the X-Origin-Verify values the API function accepts. The ARN only; the value is read by the function at run time."
  value       = local.shared["origin/secret_arn"]
}

output "repository_url" {
  description = "ECR repository of this service."
  value       = local.service["repository_url"]
}

output "db_secret_arn" {
  description = "Secrets Manager ARN of this service's own database role ({username, password})."
  value       = local.service["db_secret_arn"]
}

output "db_schema" {
  description = "PostgreSQL schema (and role) of this service."
  value       = local.service["db_schema"]
}

output "cursor_key_secret_arn" {
  description = "Secrets Manager ARN of the key that seals list cursors (the ARN only; services read the value)."
  value       = local.shared["cursor/key_secret_arn"]
}

output "site_url" {
  description = "The site's address, where the frontend is served (a share link opens its /shared/ page there)."
  value       = local.shared["media/base_url"]
}

output "media_base_url" {
  description = "The site's address; CloudFront serves renditions under /derivatives/ there."
  value       = local.shared["media/base_url"]
}

output "media_key_pair_id" {
  description = "Id of the CloudFront public key whose private half signs rendition URLs."
  value       = local.shared["media/key_pair_id"]
}

output "media_signing_key_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the private key (PKCS#8 PEM) that signs rendition URLs."
  value       = local.shared["media/signing_key_secret_arn"]
}
