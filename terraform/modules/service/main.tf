data "aws_region" "current" {}

locals {
  function_name           = "cloud-gallery-${var.environment}-${var.name}"
  migration_function_name = "${local.function_name}-migrate"

  # Functions run the image by digest: the tag is for people, the digest is what is deployed.
  image_uri = "${var.image_repository_url}@${var.image_digest}"

  # The schema migration runs from the same image with another handler, from the shared platform library.
  migration_handler = "dev.cloudgallery.platform.db.MigrateHandler::handleRequest"

  # What every service reads from its environment (application.yaml ${...} references); extra_environment adds the
  # service's own. The stacks' consistency test compares the union with each application.yaml.
  # ORIGIN_SECRET_ARN: every service refuses requests that lack CloudFront's origin header, so none may go without it.
  common_environment = {
    DB_URL            = var.db_url
    DB_SECRET_ARN     = var.db_secret_arn
    AUTH_ISSUER       = var.auth_issuer
    AUTH_CLIENT_IDS   = join(",", var.auth_client_ids)
    ORIGIN_SECRET_ARN = var.origin_secret_arn
  }

  migration_environment = {
    DB_URL              = var.db_admin_url
    DB_SECRET_ARN       = var.db_secret_arn
    DB_ADMIN_SECRET_ARN = var.db_master_secret_arn
    DB_SCHEMA           = var.db_schema
  }

  region  = data.aws_region.current.name
  db_port = 5432
}

# --- network --------------------------------------------------------------------------------------------------------

resource "aws_security_group" "functions" {
  name        = "${local.function_name}-functions"
  description = "Functions of ${var.name}: egress to the database and to HTTPS only"
  vpc_id      = var.vpc_id

  tags = { Name = "${local.function_name}-functions" }
}

# AWS APIs (through VPC endpoints or NAT) and Cognito's public endpoints (JWKS, user APIs) are all HTTPS.
resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.functions.id
  description       = "HTTPS to AWS APIs and Cognito"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "database" {
  security_group_id            = aws_security_group.functions.id
  description                  = "PostgreSQL (Aurora or RDS Proxy)"
  referenced_security_group_id = var.database_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = local.db_port
  to_port                      = local.db_port
}

# Owned by the service stack although it sits on the platform's group: removing the service removes its access.
resource "aws_vpc_security_group_ingress_rule" "database_from_functions" {
  security_group_id            = var.database_security_group_id
  description                  = "PostgreSQL from ${var.name}"
  referenced_security_group_id = aws_security_group.functions.id
  ip_protocol                  = "tcp"
  from_port                    = local.db_port
  to_port                      = local.db_port
}

# --- logs -------------------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
}

resource "aws_cloudwatch_log_group" "worker" {
  count = var.worker == null ? 0 : 1

  name              = "/aws/lambda/${local.function_name}-worker"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
}

resource "aws_cloudwatch_log_group" "migration" {
  name              = "/aws/lambda/${local.migration_function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
}
