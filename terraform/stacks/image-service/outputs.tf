output "function_name" {
  description = "API (and worker) function of the service."
  value       = module.service.function_name
}

output "migration_function_name" {
  description = "Schema migration function of the service."
  value       = module.service.migration_function_name
}

output "image_uri" {
  description = "Image (by digest) now deployed."
  value       = module.service.image_uri
}

output "routes" {
  description = "Routes the service serves on the shared API."
  value       = module.service.routes
}
