provider "aws" {
  region              = var.aws_region
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = merge(var.tags, {
      Project     = "cloud-gallery"
      Environment = var.environment
      Stack       = "gallery-service"
      Service     = "gallery-service"
      ManagedBy   = "terraform"
    })
  }
}
