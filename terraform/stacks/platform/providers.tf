locals {
  default_tags = merge(var.tags, {
    Project     = "cloud-gallery"
    Environment = var.environment
    Stack       = "platform"
    ManagedBy   = "terraform"
  })
}

provider "aws" {
  region              = var.aws_region
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = local.default_tags
  }
}

# CloudFront's certificate, WAF web ACL and Shield protection must be created in us-east-1.
provider "aws" {
  alias               = "us_east_1"
  region              = "us-east-1"
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = local.default_tags
  }
}
