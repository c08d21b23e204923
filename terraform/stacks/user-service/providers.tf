provider "aws" {
  region              = var.aws_region
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = merge(var.tags, {
      Project     = "cloud-gallery"
      Environment = var.environment
      Stack       = "user-service"
      Service     = "user-service"
      ManagedBy   = "terraform"
    })
  }
}
