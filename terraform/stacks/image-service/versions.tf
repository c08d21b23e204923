terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.99"
    }
  }

  # Partial configuration: bucket, key and region come from env/<environment>.backend.hcl.
  backend "s3" {}
}
