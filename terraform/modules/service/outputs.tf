output "function_name" {
  description = "Name of the API (and worker) function."
  value       = aws_lambda_function.api.function_name
}

output "function_arn" {
  description = "ARN of the API (and worker) function."
  value       = aws_lambda_function.api.arn
}

output "migration_function_name" {
  description = "Name of the schema migration function."
  value       = aws_lambda_function.migration.function_name
}

output "role_arn" {
  description = "Execution role of the API function."
  value       = aws_iam_role.api.arn
}

output "image_uri" {
  description = "Image (by digest) both functions run."
  value       = local.image_uri
}

output "routes" {
  description = "Route keys the service registered on the shared API."
  value       = sort(keys(aws_apigatewayv2_route.this))
}
