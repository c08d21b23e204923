terraform {
  # 1.11: write-only arguments (modules/platform) and S3 native state locking (use_lockfile).
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.99"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7, >= 3.7.1"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
  }

  # Partial configuration: bucket, key and region come from env/<environment>.backend.hcl
  # (terraform init -backend-config=env/dev.backend.hcl).
  backend "s3" {}
}
