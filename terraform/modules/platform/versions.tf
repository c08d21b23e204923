terraform {
  # 1.11 is the first release with write-only arguments, used to keep the service database passwords out of state.
  required_version = ">= 1.11.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.99.0, < 6.0.0"
      # CloudFront-scoped resources (ACM certificate, WAF web ACL, Shield protection) only exist in us-east-1.
      configuration_aliases = [aws.us_east_1]
    }
    random = {
      source = "hashicorp/random"
      # 3.7.1 adds the ephemeral random_password.
      version = ">= 3.7.1, < 4.0.0"
    }
    tls = {
      source = "hashicorp/tls"
      # 4.0 adds private_key_pem_pkcs8, the form Java reads.
      version = ">= 4.0.0, < 5.0.0"
    }
  }
}
